import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { serviceBundling } from '../src';

describe('serviceBundling', () => {
  it('bundles minified CommonJS with source maps by the local esbuild', () => {
    expect(serviceBundling()).toMatchObject({
      format: OutputFormat.CJS,
      minify: true,
      sourceMap: true,
      externalModules: [],
      forceDockerBundling: false,
    });
  });

  it('adds the caller’s nodeModules without dropping minification or source maps', () => {
    const bundling = serviceBundling({ nodeModules: ['sharp'] });

    expect(bundling).toMatchObject({ nodeModules: ['sharp'], minify: true, sourceMap: true });
  });

  it('lets the caller override one default and keeps the others', () => {
    const bundling = serviceBundling({ minify: false });

    expect(bundling).toMatchObject({ minify: false, sourceMap: true, format: OutputFormat.CJS });
  });
});

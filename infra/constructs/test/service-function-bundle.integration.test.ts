import { Template } from 'aws-cdk-lib/assertions';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BookTripApp, ServiceFunction, ServiceStack } from '../src';

// The one test that really bundles (local esbuild, no Docker): the others skip bundling.
describe('ServiceFunction bundling', () => {
  it('bundles a lambda-kit + zod handler into an index.js (with map) that Node loads and runs', () => {
    const app = new BookTripApp({ context: { stage: 'test' } });
    const stack = new ServiceStack(app, 'Stack', { service: 'booking', stage: 'test' });
    new ServiceFunction(stack, 'Fn', {
      entry: join(__dirname, 'fixtures/handler.ts'),
      service: 'booking',
    });

    const assembly = app.synth();
    const template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    // The code's S3 key is `<asset hash>.zip`; the staged bundle is the folder asset.<hash>.
    const assetHash = String(fn?.Properties.Code.S3Key).replace(/\.zip$/, '');
    const assetDir = join(assembly.directory, `asset.${assetHash}`);

    expect(existsSync(join(assetDir, 'index.js'))).toBe(true);
    expect(existsSync(join(assetDir, 'index.js.map'))).toBe(true);
    const script = `
      const { handler } = require(${JSON.stringify(join(assetDir, 'index.js'))});
      const context = { awsRequestId: 'req-1', functionName: 'fn', functionVersion: '1',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
        memoryLimitInMB: '512', getRemainingTimeInMillis: () => 10000 };
      handler({ name: 'Ada' }, context).then((result) =>
        process.stdout.write('RESULT ' + JSON.stringify(result) + '\\n'));
    `;
    const output = execFileSync(process.execPath, ['-e', script], {
      env: { PATH: process.env.PATH, ...fn?.Properties.Environment.Variables },
      encoding: 'utf8',
    });
    expect(output).toContain('RESULT {"greeting":"Hello, Ada"}');
  });
});

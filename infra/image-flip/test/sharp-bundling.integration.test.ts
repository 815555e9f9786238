import { BookTripApp } from '@booktrip/constructs';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ImageFlipStack } from '../src/image-flip-stack';
import { lambdaCpu } from '../src/sharp-bundling';

/**
 * The one test that really bundles: npm installs sharp into the flip function's asset from the
 * registry, once per stage, so it takes a while.
 */
function bundledFlipAsset(stage: string): string {
  const app = new BookTripApp({ context: { stage } });
  new ImageFlipStack(app, 'ImageFlip', { service: 'image-flip', stage });
  const assembly = app.synth();
  outdirs.push(assembly.directory);
  const withSharp = readdirSync(assembly.directory)
    .filter((entry) => entry.startsWith('asset.'))
    .map((entry) => join(assembly.directory, entry))
    .filter((dir) => existsSync(join(dir, 'node_modules', 'sharp')));
  expect(withSharp).toHaveLength(1);
  return withSharp[0] ?? '';
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const installedImg = (asset: string) => readdirSync(join(asset, 'node_modules', '@img')).sort();

describe('sharp in the flip-image asset', () => {
  it('is the Linux arm64 build for AWS stages, installed without Docker', () => {
    const asset = bundledFlipAsset('dev');

    expect(installedImg(asset)).toEqual([
      'colour',
      'sharp-libvips-linux-arm64',
      'sharp-linux-arm64',
    ]);
    expect(existsSync(join(asset, 'index.js'))).toBe(true);
    // The install-time .npmrc does not ship.
    expect(existsSync(join(asset, '.npmrc'))).toBe(false);
  }, 300_000);

  it('is the build for this machine in the local stage, which runs the asset here', () => {
    const asset = bundledFlipAsset('local');
    const cpu = lambdaCpu('local');

    expect(installedImg(asset)).toEqual(
      ['colour', `sharp-libvips-linux-${cpu}`, `sharp-linux-${cpu}`].sort(),
    );
    // And it loads and encodes here, as the local cloud will need.
    const script =
      "require('./node_modules/sharp')({ create: { width: 2, height: 2, channels: 3, background: '#fff' } })" +
      '.png().toBuffer().then((png) => process.stdout.write(png.subarray(1, 4).toString()))';
    expect(execFileSync(process.execPath, ['-e', script], { cwd: asset }).toString()).toBe('PNG');
  }, 300_000);
});

describe('lambdaCpu', () => {
  it('is arm64 (Graviton) in every AWS stage, whatever machine synthesizes', () => {
    expect(lambdaCpu('dev', 'x64')).toBe('arm64');
    expect(lambdaCpu('prod', 'x64')).toBe('arm64');
  });

  it('follows the host in the local stage and refuses a CPU sharp has no Linux build for', () => {
    expect(lambdaCpu('local', 'x64')).toBe('x64');
    expect(lambdaCpu('local', 'arm64')).toBe('arm64');
    expect(() => lambdaCpu('local', 'ia32')).toThrow(/arm64 or x64/);
  });
});

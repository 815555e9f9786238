import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createS3 } from '../../src/s3';
import { localResource } from '../compute-support/local-resource';

const SITE = 'sitebucket';
const PAGE_ASSET = 'a'.repeat(64);
const ZIP_ASSET = 'b'.repeat(64);
const ASSETS_BUCKET = 'cdk-hnb659fds-assets-000000000000-us-east-1';

/** A cloud assembly with one directory asset (as CDK leaves `Source.asset(dir)`) and one zip. */
async function assemblyWithAssets(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'assembly-'));
  await mkdir(join(dir, `asset.${PAGE_ASSET}`, 'js'), { recursive: true });
  await writeFile(
    join(dir, `asset.${PAGE_ASSET}`, 'index.html'),
    '<!doctype html><title>page</title>',
  );
  await writeFile(join(dir, `asset.${PAGE_ASSET}`, 'js', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, `asset.${PAGE_ASSET}`, 'js', 'app.js.map'), '{}');
  await copyFile(join(__dirname, 'fixtures', 'site.zip'), join(dir, `asset.${ZIP_ASSET}.zip`));
  await writeFile(
    join(dir, 'Web.assets.json'),
    JSON.stringify({
      version: '48.0.0',
      files: {
        [PAGE_ASSET]: {
          source: { path: `asset.${PAGE_ASSET}`, packaging: 'zip' },
          destinations: {},
        },
        [ZIP_ASSET]: {
          source: { path: `asset.${ZIP_ASSET}.zip`, packaging: 'file' },
          destinations: {},
        },
      },
    }),
  );
  return dir;
}

describe('Custom::CDKBucketDeployment in the local S3', () => {
  let assemblyDir: string;
  let persistDir: string;
  beforeAll(async () => {
    assemblyDir = await assemblyWithAssets();
    persistDir = await mkdtemp(join(tmpdir(), 'deploy-persist-'));
  });
  afterAll(async () => {
    await rm(assemblyDir, { recursive: true, force: true });
    await rm(persistDir, { recursive: true, force: true });
  });

  it('copies every source into the bucket prefix with markers replaced, filters applied and stale objects pruned', async () => {
    const bucket = localResource('AWS::S3::Bucket', 'Site', {}, { physicalId: SITE, assemblyDir });
    const before = await createS3({
      resources: [bucket],
      authorize: async () => true,
      accountId: '000000000000',
      persistDir,
    });
    await before.client.send(
      new PutObjectCommand({ Bucket: SITE, Key: 'web/old-build.js', Body: 'stale' }),
    );
    await before.client.send(
      new PutObjectCommand({ Bucket: SITE, Key: 'elsewhere/keep.txt', Body: 'not ours' }),
    );
    await before.stop();

    const deployment = localResource(
      'Custom::CDKBucketDeployment',
      'DeployPage',
      {
        ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:CustomCDKBucketDeployment',
        SourceBucketNames: [ASSETS_BUCKET, ASSETS_BUCKET],
        SourceObjectKeys: [`${PAGE_ASSET}.zip`, `${ZIP_ASSET}.zip`],
        SourceMarkers: [{}, { '<<marker:0xbaba:0>>': 'http://127.0.0.1:4566/restapis/x/"live"/' }],
        SourceMarkersConfig: [{}, { jsonEscape: true }],
        DestinationBucketName: SITE,
        DestinationBucketKeyPrefix: 'web',
        Prune: true,
        Exclude: ['*.map'],
        SystemMetadata: { 'cache-control': 'no-cache' },
      },
      { assemblyDir },
    );
    const lines: string[] = [];
    const s3 = await createS3({
      resources: [bucket, deployment],
      authorize: async () => true,
      accountId: '000000000000',
      persistDir,
      log: (line) => lines.push(line),
    });
    try {
      const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: SITE }));
      expect(listed.Contents?.map((object) => object.Key).sort()).toEqual([
        'elsewhere/keep.txt',
        'web/assets/site.css',
        'web/config.json',
        'web/index.html',
        'web/js/app.js',
      ]);
      const config = await s3.client.send(
        new GetObjectCommand({ Bucket: SITE, Key: 'web/config.json' }),
      );
      expect(JSON.parse((await config.Body?.transformToString()) ?? '')).toEqual({
        apiUrl: 'http://127.0.0.1:4566/restapis/x/"live"/',
      });
      expect(config.ContentType).toBe('application/json');
      const css = await s3.client.send(
        new GetObjectCommand({ Bucket: SITE, Key: 'web/assets/site.css' }),
      );
      expect(await css.Body?.transformToString()).toContain('.c60 { color: teal; }');
      const page = await s3.client.send(
        new HeadObjectCommand({ Bucket: SITE, Key: 'web/index.html' }),
      );
      expect(page).toMatchObject({ ContentType: 'text/html', CacheControl: 'no-cache' });
      expect(lines).toEqual([
        's3: DeployPage deployed 4 file(s) to s3://sitebucket/web/, pruned 1',
      ]);
    } finally {
      await s3.stop();
    }
  });

  it('fails start-up naming the deployment when its asset is missing from the assembly', async () => {
    await expect(
      createS3({
        resources: [
          localResource('AWS::S3::Bucket', 'Site', {}, { physicalId: SITE, assemblyDir }),
          localResource(
            'Custom::CDKBucketDeployment',
            'DeployPage',
            {
              SourceBucketNames: [ASSETS_BUCKET],
              SourceObjectKeys: [`${'c'.repeat(64)}.zip`],
              DestinationBucketName: SITE,
            },
            { assemblyDir },
          ),
        ],
        authorize: async () => true,
        accountId: '000000000000',
      }),
    ).rejects.toThrow(
      `TestStack/DeployPage: asset ${'c'.repeat(64)} (source object ${'c'.repeat(64)}.zip) is in no asset manifest`,
    );
  });
});

import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAssembly } from '../../src/assembly/load-assemblies';
import { loadLocalResources } from '../../src/cloud/load-resources';
import { createS3 } from '../../src/s3';

/**
 * The way a page gets its deploy-time config: `Source.jsonData` with a value CDK only knows at
 * deploy time (an SSM parameter), synthesized by CDK itself rather than written by hand.
 */
describe('a CDK BucketDeployment with Source.data and Source.jsonData, synthesized by CDK', () => {
  let outdir: string;
  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'deployment-app-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Site');
    const site = new Bucket(stack, 'Site');
    new StringParameter(stack, 'ApiUrl', {
      parameterName: '/site/api-url',
      stringValue: 'http://127.0.0.1:4566/"live"/',
    });
    new BucketDeployment(stack, 'Page', {
      destinationBucket: site,
      destinationKeyPrefix: 'app',
      sources: [
        Source.data('index.html', '<!doctype html><a href="http://localhost:4566">edge</a>'),
        Source.jsonData('config.json', {
          endpoint: 'http://localhost:4566',
          apiUrl: StringParameter.valueForStringParameter(stack, '/site/api-url'),
          bucket: site.bucketName,
        }),
      ],
    });
    app.synth();
  }, 120_000);
  afterAll(() => rm(outdir, { recursive: true, force: true }));

  it('lands both files in the bucket with the deploy-time values substituted and JSON-escaped', async () => {
    const loaded = loadLocalResources(loadAssembly(outdir));
    const s3 = await createS3({
      resources: loaded.resources,
      authorize: async () => true,
      accountId: '000000000000',
    });
    try {
      const bucket = s3.buckets[0]?.name ?? '';
      const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: bucket }));
      const config = await s3.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'app/config.json' }),
      );
      const page = await s3.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'app/index.html' }),
      );

      expect(listed.Contents?.map((object) => object.Key).sort()).toEqual([
        'app/config.json',
        'app/index.html',
      ]);
      expect(JSON.parse((await config.Body?.transformToString()) ?? '')).toEqual({
        endpoint: 'http://localhost:4566',
        apiUrl: 'http://127.0.0.1:4566/"live"/',
        bucket,
      });
      expect(page.ContentType).toBe('text/html');
      expect(await page.Body?.transformToString()).toBe(
        '<!doctype html><a href="http://localhost:4566">edge</a>',
      );
    } finally {
      await s3.stop();
    }
  });

  it('localizes the files it generates from template values, and copies the others as they are', async () => {
    const loaded = loadLocalResources(loadAssembly(outdir));
    const s3 = await createS3({
      resources: loaded.resources,
      authorize: async () => true,
      accountId: '000000000000',
      localize: (text) => text.replaceAll('http://localhost:4566', 'http://localhost:40001'),
    });
    try {
      const bucket = s3.buckets[0]?.name ?? '';
      const read = async (Key: string) =>
        (
          await s3.client.send(new GetObjectCommand({ Bucket: bucket, Key }))
        ).Body?.transformToString();
      expect(JSON.parse((await read('app/config.json')) ?? '')).toMatchObject({
        endpoint: 'http://localhost:40001',
      });
      // No markers: a file as written (a site's build would never be rewritten).
      expect(await read('app/index.html')).toContain('http://localhost:4566');
    } finally {
      await s3.stop();
    }
  });
});

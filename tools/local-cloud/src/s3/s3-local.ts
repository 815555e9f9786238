import { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The only credentials s3rver accepts; it does not check SigV4 signatures beyond that. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** What s3rver reports for a PUT, POST or copy (its S3-notification-style record). */
export interface ObjectCreatedNotification {
  eventName: string;
  bucket: string;
  key: string;
  size?: number;
  etag?: string;
}

export interface S3Local {
  endpoint: string;
  /** Path-style client with s3rver's credentials. */
  client: S3Client;
  /** Calls `listener` for every object created in any bucket; returns the unsubscribe. */
  onObjectCreated(listener: (notification: ObjectCreatedNotification) => void): () => void;
  /** Stops the server and deletes its directory (unless it was given one to keep). */
  stop(): Promise<void>;
}

export interface S3LocalOptions {
  /** Buckets created before the server answers. */
  buckets?: readonly string[];
  /** Buckets created (or kept, in a persisted directory) with s3rver bucket configs (CORS XML). */
  bucketConfigs?: readonly { name: string; configs: readonly string[] }[];
  /**
   * Keep objects in this folder, across restarts (`--persist`); `stop()` leaves it. Default: a
   * fresh temporary folder that `stop()` removes.
   */
  directory?: string;
  /** Default: a free port chosen by the OS. */
  port?: number;
}

// s3rver 3 ships no type declarations: this is the part of its API we use.
interface S3rverRecord {
  eventName: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
}
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  on(event: 'event', listener: (event: { Records: S3rverRecord[] }) => void): void;
  off(event: 'event', listener: (event: { Records: S3rverRecord[] }) => void): void;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs?: string[] }[];
}) => S3rverServer;

/**
 * s3rver (measured with SDK v3, TOOLCHAIN-NOTES.md) on the loopback interface, storing objects
 * in a fresh temporary directory that `stop()` removes, or in `options.directory`. No versioning and no signature checks:
 * the local cloud's edge enforces identities and prefixes in front of it.
 */
export async function startS3Local(options: S3LocalOptions = {}): Promise<S3Local> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped CommonJS package
  const S3rver = require('s3rver') as S3rverConstructor;
  const temporary = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 's3-local-')));
  const removeTemporary = () =>
    temporary ? rm(directory, { recursive: true, force: true }) : Promise.resolve();
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: [
      ...(options.buckets ?? []).map((name) => ({ name })),
      ...(options.bucketConfigs ?? []).map(({ name, configs }) => ({
        name,
        configs: [...configs],
      })),
    ],
  });
  let address: AddressInfo;
  try {
    address = await server.run();
  } catch (error) {
    await removeTemporary();
    throw error;
  }
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });

  return {
    endpoint,
    client,
    onObjectCreated(listener) {
      const onEvent = (event: { Records: S3rverRecord[] }) => {
        for (const record of event.Records) {
          if (!record.eventName.startsWith('ObjectCreated:')) continue;
          listener({
            eventName: record.eventName,
            bucket: record.s3.bucket.name,
            key: record.s3.object.key,
            size: record.s3.object.size,
            etag: record.s3.object.eTag,
          });
        }
      };
      server.on('event', onEvent);
      return () => server.off('event', onEvent);
    },
    async stop() {
      client.destroy();
      await server.close();
      await removeTemporary();
    },
  };
}

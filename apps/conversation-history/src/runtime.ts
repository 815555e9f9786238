import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '@booktrip/lambda-kit';
import { createCursorCodec, type CursorCodec } from './cursor';
import { createHistoryRepository, type HistoryRepository } from './history-repository';
import { createImageUrlSigner, type SignImageUrl } from './image-url';

// Module scope: one client per container, captured by the tracer. Nothing here reads the
// environment until a handler first asks, so tests can import handlers without it.
const documentClient = DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
  marshallOptions: { removeUndefinedValues: true },
});
const s3 = traced(new S3Client({}));

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** The History table named by TABLE_NAME. */
export const defaultRepository: () => HistoryRepository = once(() =>
  createHistoryRepository({ client: documentClient, tableName: required('TABLE_NAME') }),
);

/** Cursor signing with CURSOR_SIGNING_KEY (resolved by CloudFormation from Secrets Manager). */
export const defaultCursors: () => CursorCodec = once(() =>
  createCursorCodec(required('CURSOR_SIGNING_KEY')),
);

/** Presigned GETs for the image-flip output bucket (OUTPUT_BUCKET_NAME). */
export const defaultImageUrls: () => SignImageUrl = once(() =>
  createImageUrlSigner({ client: s3, bucketName: required('OUTPUT_BUCKET_NAME') }),
);

/** The bucket and key a request addresses (path-style or virtual-hosted). */
export interface S3Target {
  bucket?: string;
  key?: string;
}

/** One IAM question an S3 request raises. */
export interface S3Access {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

/**
 * The IAM actions an S3 request needs, as S3 authorizes them: `s3:PutObject` on
 * `arn:aws:s3:::bucket/key`, `s3:ListBucket` on the bucket with `s3:prefix`, a copy's
 * `s3:GetObject` on its source, multipart steps as `s3:PutObject`, … `deleteKeys` are the keys
 * of a multi-object delete (from its XML body), each needing `s3:DeleteObject`.
 */
export function s3Accesses(
  method: string,
  target: S3Target,
  query: URLSearchParams,
  headers: Record<string, string | string[] | undefined>,
  deleteKeys: readonly string[] = [],
): S3Access[] {
  if (!target.bucket) return [{ action: 's3:ListAllMyBuckets', resource: '*' }];
  const bucketArn = `arn:aws:s3:::${target.bucket}`;
  const on = (action: string, resource: string, context?: Record<string, string>) => ({
    action,
    resource,
    ...(context && Object.keys(context).length > 0 ? { context } : {}),
  });
  const subresource = BUCKET_SUBRESOURCES.find((name) => query.has(name));
  const versionId = query.get('versionId');

  if (target.key === undefined) {
    if (method === 'POST' && query.has('delete')) {
      return deleteKeys.map((key) => on('s3:DeleteObject', `${bucketArn}/${key}`));
    }
    return [on(bucketAction(method, subresource), bucketArn, listContext(query, subresource))];
  }

  const objectArn = `${bucketArn}/${target.key}`;
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (query.has('acl')) return [on('s3:GetObjectAcl', objectArn)];
      if (query.has('tagging')) return [on('s3:GetObjectTagging', objectArn)];
      if (query.has('uploadId')) return [on('s3:ListMultipartUploadParts', objectArn)];
      return [
        versionId
          ? on('s3:GetObjectVersion', objectArn, { 's3:VersionId': versionId })
          : on('s3:GetObject', objectArn),
      ];
    case 'PUT': {
      if (query.has('acl')) return [on('s3:PutObjectAcl', objectArn)];
      if (query.has('tagging')) return [on('s3:PutObjectTagging', objectArn)];
      const acl = headerValue(headers, 'x-amz-acl');
      const put = on('s3:PutObject', objectArn, acl ? { 's3:x-amz-acl': acl } : undefined);
      const copySource = headerValue(headers, 'x-amz-copy-source');
      if (!copySource) return [put];
      const [sourcePath = '', sourceQuery = ''] = copySource.split('?');
      const source = decodeURIComponent(sourcePath.replace(/^\//, ''));
      const sourceVersion = new URLSearchParams(sourceQuery).get('versionId');
      return [
        put,
        on(sourceVersion ? 's3:GetObjectVersion' : 's3:GetObject', `arn:aws:s3:::${source}`),
      ];
    }
    case 'DELETE':
      if (query.has('uploadId')) return [on('s3:AbortMultipartUpload', objectArn)];
      if (query.has('tagging')) return [on('s3:DeleteObjectTagging', objectArn)];
      return [
        versionId
          ? on('s3:DeleteObjectVersion', objectArn, { 's3:VersionId': versionId })
          : on('s3:DeleteObject', objectArn),
      ];
    case 'POST':
      if (query.has('restore')) return [on('s3:RestoreObject', objectArn)];
      if (query.has('select')) return [on('s3:GetObject', objectArn)];
      return [on('s3:PutObject', objectArn)];
    default:
      return [on(`s3:${method}Object`, objectArn)];
  }
}

const BUCKET_SUBRESOURCES = [
  'acl',
  'cors',
  'delete',
  'lifecycle',
  'location',
  'logging',
  'notification',
  'policy',
  'tagging',
  'uploads',
  'versioning',
  'versions',
  'website',
  'encryption',
  'ownershipControls',
  'publicAccessBlock',
] as const;

/** Subresources whose IAM action is not `s3:<Get|Put>Bucket<Name>`. */
const SPECIAL_ACTIONS: Record<string, Record<string, string>> = {
  GET: {
    cors: 's3:GetBucketCORS',
    lifecycle: 's3:GetLifecycleConfiguration',
    uploads: 's3:ListBucketMultipartUploads',
    versions: 's3:ListBucketVersions',
    encryption: 's3:GetEncryptionConfiguration',
  },
  PUT: {
    cors: 's3:PutBucketCORS',
    lifecycle: 's3:PutLifecycleConfiguration',
    encryption: 's3:PutEncryptionConfiguration',
  },
  DELETE: {
    cors: 's3:PutBucketCORS',
    lifecycle: 's3:PutLifecycleConfiguration',
    tagging: 's3:PutBucketTagging',
    encryption: 's3:PutEncryptionConfiguration',
  },
};

function bucketAction(method: string, subresource: string | undefined): string {
  if (!subresource) {
    if (method === 'PUT') return 's3:CreateBucket';
    if (method === 'DELETE') return 's3:DeleteBucket';
    return 's3:ListBucket';
  }
  const special = SPECIAL_ACTIONS[method]?.[subresource];
  if (special) return special;
  const name = subresource[0]?.toUpperCase() + subresource.slice(1);
  const verb =
    method === 'GET' || method === 'HEAD' ? 'Get' : method === 'DELETE' ? 'Delete' : 'Put';
  return `s3:${verb}Bucket${name}`;
}

function listContext(
  query: URLSearchParams,
  subresource: string | undefined,
): Record<string, string> {
  if (subresource && subresource !== 'versions') return {};
  const context: Record<string, string> = {};
  for (const [parameter, key] of [
    ['prefix', 's3:prefix'],
    ['delimiter', 's3:delimiter'],
    ['max-keys', 's3:max-keys'],
  ] as const) {
    const value = query.get(parameter);
    if (value !== null) context[key] = value;
  }
  return context;
}

function headerValue(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

import { lookup as mimeType } from 'mime-types';
import { basename } from 'node:path';
import type { EdgeRequest, LocalResource } from '../edge/contracts';
import { readDeploymentSource } from './deployment-sources';
import { replaceMarkers, type MarkersConfig } from './source-markers';

/** What a deployment needs of the local S3: writes that go through the edge's own path. */
export interface DeploymentTarget {
  put(bucket: string, key: string, body: Buffer, headers: Record<string, string>): Promise<void>;
  delete(bucket: string, key: string): Promise<void>;
  list(bucket: string, prefix: string): Promise<string[]>;
}

export interface DeploymentResult {
  logicalId: string;
  bucket: string;
  prefix: string;
  written: string[];
  deleted: string[];
}

/**
 * Does what CDK's BucketDeployment handler does with `aws s3 sync`, without its Lambda: unpacks
 * every source (in order, later sources overwriting), replaces each source's markers, applies
 * Exclude/Include filters, writes the files under the destination prefix with their content
 * type, cache control and metadata, and — unless `Prune` is false — deletes the objects under
 * the prefix that the sources no longer contain. A file generated from template values (a source
 * with markers: `Source.data`, `Source.jsonData`) is passed through `localize` as the template's
 * own values are; an asset (a site's build) is copied byte for byte.
 */
export async function runBucketDeployment(
  resource: LocalResource,
  target: DeploymentTarget,
  localize: (text: string) => string = (text) => text,
): Promise<DeploymentResult> {
  const properties = resource.properties;
  const where = `${resource.stackName}/${resource.logicalId}`;
  const keys = stringArray(properties.SourceObjectKeys);
  const markers = (properties.SourceMarkers ?? []) as Record<string, unknown>[];
  const markersConfig = (properties.SourceMarkersConfig ?? []) as MarkersConfig[];
  const bucket = String(properties.DestinationBucketName);
  const prefix =
    typeof properties.DestinationBucketKeyPrefix === 'string'
      ? properties.DestinationBucketKeyPrefix
      : '';
  const normalizedPrefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  const extract = flag(properties.Extract, true);
  const prune = flag(properties.Prune, true);
  const filters = [
    ...stringArray(properties.Exclude).map((pattern) => ({
      include: false,
      pattern: globRegExp(pattern),
    })),
    ...stringArray(properties.Include).map((pattern) => ({
      include: true,
      pattern: globRegExp(pattern),
    })),
  ];
  const selected = (path: string) =>
    filters.reduce((kept, filter) => (filter.pattern.test(path) ? filter.include : kept), true);

  const files = new Map<string, Buffer>();
  for (const [index, key] of keys.entries()) {
    let source: Map<string, Buffer>;
    try {
      source = await readDeploymentSource(resource.assemblyDir, key);
    } catch (error) {
      throw new Error(`${where}: ${(error as Error).message}`);
    }
    if (!extract) {
      throw new Error(`${where}: Extract: false is not emulated (sources are copied unzipped)`);
    }
    const sourceMarkers = markers[index] ?? {};
    const generated = Object.keys(sourceMarkers).length > 0;
    for (const [path, content] of source) {
      try {
        const replaced = replaceMarkers(content, sourceMarkers, markersConfig[index] ?? {});
        files.set(
          path,
          generated ? Buffer.from(localize(replaced.toString('utf8')), 'utf8') : replaced,
        );
      } catch (error) {
        throw new Error(`${where}: ${path}: ${(error as Error).message}`);
      }
    }
  }

  const system = lowerCaseKeys((properties.SystemMetadata ?? {}) as Record<string, string>);
  const user = lowerCaseKeys((properties.UserMetadata ?? {}) as Record<string, string>);
  const written: string[] = [];
  for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (!selected(path)) continue;
    const headers: Record<string, string> = {
      'content-type':
        system['content-type'] ?? (mimeType(basename(path)) || 'application/octet-stream'),
    };
    for (const [name, value] of Object.entries(system)) {
      if (name !== 'content-type') headers[name] = value;
    }
    for (const [name, value] of Object.entries(user)) headers[`x-amz-meta-${name}`] = value;
    await target.put(bucket, `${normalizedPrefix}${path}`, content, headers);
    written.push(`${normalizedPrefix}${path}`);
  }

  const deleted: string[] = [];
  if (prune) {
    const wanted = new Set(written);
    for (const key of await target.list(bucket, normalizedPrefix)) {
      if (wanted.has(key) || !selected(key.slice(normalizedPrefix.length))) continue;
      await target.delete(bucket, key);
      deleted.push(key);
    }
  }
  return { logicalId: resource.logicalId, bucket, prefix: normalizedPrefix, written, deleted };
}

/** A request of the local cloud itself (as the administrator) on the local S3 service. */
export function adminRequest(
  caller: EdgeRequest['caller'],
  method: string,
  bucket: string,
  key: string,
  body: Buffer,
  headers: Record<string, string>,
): EdgeRequest {
  return {
    method,
    path: `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`,
    query: new URLSearchParams(),
    headers: { ...headers, 'content-length': String(body.length) },
    body,
    signingService: 's3',
    caller,
  };
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function flag(value: unknown, fallback: boolean): boolean {
  return value === undefined ? fallback : String(value).toLowerCase() === 'true';
}

function lowerCaseKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key.toLowerCase(), String(value)]),
  );
}

/** An `aws s3 sync` filter: fnmatch-style, where `*` also matches `/`. */
function globRegExp(pattern: string): RegExp {
  const body = [...pattern]
    .map((character) =>
      character === '*'
        ? '.*'
        : character === '?'
          ? '.'
          : character.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${body}$`);
}

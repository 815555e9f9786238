import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

interface AssetManifest {
  files?: Record<string, { source?: { path?: string; packaging?: string } }>;
}

/**
 * The files of one BucketDeployment source, by path relative to the destination prefix. CDK's
 * `s3:<assets bucket>/<hash>.zip` object is the cloud assembly's asset `<hash>`: a directory
 * (zipped only when published) or a `.zip` file, found through the assembly's asset manifests.
 */
export async function readDeploymentSource(
  assemblyDir: string,
  objectKey: string,
): Promise<Map<string, Buffer>> {
  const hash = objectKey.replace(/\.zip$/, '');
  const asset = findAsset(assemblyDir, hash);
  if (!asset) {
    throw new Error(
      `asset ${hash} (source object ${objectKey}) is in no asset manifest of ${assemblyDir}`,
    );
  }
  const path = join(assemblyDir, asset);
  if (statSync(path).isDirectory()) return readTree(path);
  if (!path.endsWith('.zip')) {
    throw new Error(`asset ${asset} is neither a directory nor a .zip archive`);
  }
  return unzip(readFileSync(path));
}

function findAsset(assemblyDir: string, hash: string): string | undefined {
  for (const file of readdirSync(assemblyDir)) {
    if (!file.endsWith('.assets.json')) continue;
    const manifest = JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as AssetManifest;
    const path = manifest.files?.[hash]?.source?.path;
    if (path) return path;
  }
  return undefined;
}

function readTree(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile())
        files.set(relative(root, path).split(sep).join('/'), readFileSync(path));
    }
  };
  walk(root);
  return files;
}

/** Every file of a zip archive, read in memory with yauzl (directories skipped). */
export function unzip(archive: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(archive, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('unreadable zip archive'));
      const files = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        readEntry(zip, entry)
          .then((content) => {
            files.set(entry.fileName, content);
            zip.readEntry();
          })
          .catch(reject);
      });
      zip.readEntry();
    });
  });
}

function readEntry(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) return reject(error ?? new Error(`cannot read ${entry.fileName}`));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

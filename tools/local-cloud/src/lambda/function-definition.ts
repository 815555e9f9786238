import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalResource } from '../edge/contracts';
import { localArn } from '../assembly/local-arns';

/** What the runtime needs to run one `AWS::Lambda::Function`, read from its resource. */
export interface FunctionDefinition {
  name: string;
  arn: string;
  logicalId: string;
  stackName: string;
  /** The folder holding the unzipped asset (the task root). */
  codeDir: string;
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** The template's variables, intrinsics resolved. */
  environment: Record<string, string>;
  /** `ReservedConcurrentExecutions`, when set. */
  reservedConcurrency?: number;
  logGroupName: string;
  logFormat: 'Text' | 'JSON';
  /** `DeadLetterConfig.TargetArn`: where failed async events go after their retries. */
  deadLetterTargetArn?: string;
  /** Why the function cannot run locally (a runtime other than Node.js), when it cannot. */
  unsupported?: string;
  /** From an `AWS::Lambda::EventInvokeConfig` of the function, when there is one. */
  asyncConfig: AsyncInvokeConfig;
}

export interface AsyncInvokeConfig {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onSuccess?: string;
  onFailure?: string;
}

/** Lambda's defaults for asynchronous invocation. */
const DEFAULT_ASYNC: AsyncInvokeConfig = {
  maximumRetryAttempts: 2,
  maximumEventAgeSeconds: 21_600,
};

/** Reads every function (and its EventInvokeConfig) from the resources; bad ones throw, naming them. */
export function functionDefinitions(resources: readonly LocalResource[]): FunctionDefinition[] {
  const invokeConfigs = new Map<string, AsyncInvokeConfig>();
  for (const resource of resources) {
    if (resource.type !== 'AWS::Lambda::EventInvokeConfig') continue;
    const props = resource.properties;
    const qualifier = String(props.Qualifier ?? '$LATEST');
    if (qualifier !== '$LATEST') {
      throw new Error(
        `${resource.stackName}/${resource.logicalId}: EventInvokeConfig for qualifier ${qualifier} is not emulated (only $LATEST)`,
      );
    }
    const destinations = props.DestinationConfig as
      { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } } | undefined;
    invokeConfigs.set(String(props.FunctionName), {
      maximumRetryAttempts: numberOr(
        props.MaximumRetryAttempts,
        DEFAULT_ASYNC.maximumRetryAttempts,
      ),
      maximumEventAgeSeconds: numberOr(
        props.MaximumEventAgeInSeconds,
        DEFAULT_ASYNC.maximumEventAgeSeconds,
      ),
      onSuccess: destinations?.OnSuccess?.Destination,
      onFailure: destinations?.OnFailure?.Destination,
    });
  }
  return resources
    .filter((resource) => resource.type === 'AWS::Lambda::Function')
    .map((resource) => {
      const props = resource.properties;
      const name = resource.physicalId;
      const arn = resource.arn ?? localArn.lambda(name);
      const runtime = String(props.Runtime ?? '');
      // Functions of other runtimes are often CDK's own helpers (the Python handler behind
      // Custom::S3BucketNotifications) that the local cloud replaces natively: they are listed,
      // and invoking one fails clearly, instead of failing start-up.
      const unsupported = runtime.startsWith('nodejs')
        ? undefined
        : `${resource.stackName}/${resource.logicalId}: runtime ${runtime || '(none: a container image?)'} is not emulated; only nodejs* functions run locally`;
      const logging = props.LoggingConfig as { LogFormat?: string; LogGroup?: string } | undefined;
      const variables = (props.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables;
      return {
        name,
        arn,
        logicalId: resource.logicalId,
        stackName: resource.stackName,
        codeDir: unsupported ? '' : codeDirectory(resource),
        unsupported,
        handler: String(props.Handler ?? 'index.handler'),
        runtime,
        timeoutSeconds: numberOr(props.Timeout, 3),
        memoryMb: numberOr(props.MemorySize, 128),
        environment: Object.fromEntries(
          Object.entries(variables ?? {}).map(([key, value]) => [key, String(value)]),
        ),
        reservedConcurrency:
          props.ReservedConcurrentExecutions === undefined
            ? undefined
            : Number(props.ReservedConcurrentExecutions),
        logGroupName: logging?.LogGroup ?? `/aws/lambda/${name}`,
        logFormat: logging?.LogFormat === 'JSON' ? 'JSON' : 'Text',
        deadLetterTargetArn: (props.DeadLetterConfig as { TargetArn?: string } | undefined)
          ?.TargetArn,
        asyncConfig: invokeConfigs.get(name) ?? invokeConfigs.get(arn) ?? { ...DEFAULT_ASYNC },
      };
    });
}

/**
 * The asset folder of a function: the asset manifest maps `Code.S3Key` to its source path; CDK
 * names the folder `asset.<hash>` too, which is the fallback. Inline `ZipFile` code is written
 * to a temporary folder as `index.js`, as Lambda does.
 */
function codeDirectory(resource: LocalResource): string {
  const code = (resource.properties.Code ?? {}) as {
    S3Key?: string;
    ZipFile?: string;
    ImageUri?: string;
  };
  const where = `${resource.stackName}/${resource.logicalId}`;
  if (code.ZipFile !== undefined) {
    const dir = join(tmpdir(), 'local-cloud-inline', `${resource.stackName}-${resource.logicalId}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.js'), code.ZipFile);
    return dir;
  }
  if (!code.S3Key) throw new Error(`${where}: only S3 assets and inline code are emulated`);
  const fromManifest = assetPathOf(resource.assemblyDir, code.S3Key);
  const candidates = [
    fromManifest,
    join(resource.assemblyDir, `asset.${code.S3Key.replace(/\.zip$/, '')}`),
  ].filter((dir): dir is string => dir !== undefined);
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) {
    throw new Error(
      `${where}: its asset ${code.S3Key} is not in ${resource.assemblyDir} (synthesize the stack again)`,
    );
  }
  return found;
}

interface AssetManifest {
  files?: Record<
    string,
    { source?: { path?: string }; destinations?: Record<string, { objectKey?: string }> }
  >;
}

function assetPathOf(assemblyDir: string, objectKey: string): string | undefined {
  if (!existsSync(assemblyDir)) return undefined;
  for (const file of readdirSync(assemblyDir).filter((name) => name.endsWith('.assets.json'))) {
    const manifest = JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as AssetManifest;
    for (const asset of Object.values(manifest.files ?? {})) {
      const keys = Object.values(asset.destinations ?? {}).map((d) => d.objectKey);
      if (asset.source?.path && keys.includes(objectKey)) {
        return join(assemblyDir, asset.source.path);
      }
    }
  }
  return undefined;
}

function numberOr(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = Number(value);
  return Number.isFinite(number) ? number : fallback;
}

import type { RequestListener } from 'node:http';
import { join } from 'node:path';
import { loadAssemblies, loadAssembly, type LoadedStack } from '../assembly/load-assemblies';
import { LOCAL_ACCOUNT, LOCAL_AWS_REGION } from '../assembly/local-arns';
import { s3ObjectReader, webPortHandler } from '../cloudfront';
import { createCognitoIdentity } from '../cognito';
import { LOCAL_CREDENTIALS } from '../dynamodb/dynamodb-local';
import type { EdgeService, LocalResource } from '../edge/contracts';
import { startEdgeServer } from '../edge/edge-server';
import { createGuestAuthorizer } from '../edge/guest-authorizer';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { createDynamoDb } from '../dynamodb';
import { createEventBridgeService, type EventBridgeService } from '../event-bridge';
import { createApiGatewayService } from '../api-gateway';
import { createLambdaService } from '../lambda';
import { createLexRuntime } from '../lex';
import { createPollyService } from '../polly';
import { createS3 } from '../s3';
import { createSqsService, type SendMessage, type SqsService } from '../sqs';
import { createStepFunctionsService, type StepFunctionsService } from '../step-functions';
import type { DynamoSender } from '../step-functions/bind-task-resources';
import { createSecretsManager } from '../secrets-manager';
import { createSsm } from '../ssm';
import { createSts } from '../sts';
import { loadLocalResources } from './load-resources';
import { localizeUrls, localizeUrlsDeep } from './localize-urls';
import { buildOutputs, type LocalCloudOutputs } from './outputs';
import { statusPage, type StatusSources } from './status-page';
import { checkSystemRequirements } from './system-requirements';
import { startWebServer, withStatusPage } from './web-server';

export interface LocalCloudOptions {
  /** The edge port (0: a free one). Default 4566. */
  port?: number;
  /** The web port (0: a free one). Default 3000. */
  webPort?: number;
  /** Default 127.0.0.1: never all interfaces unless asked. */
  host?: string;
  /**
   * DynamoDB tables, S3 objects, Cognito identities and generated secrets survive restarts here.
   * A relative folder is taken from the current directory (as `--persist .local-cloud` means).
   */
  persistDir?: string;
  /** The workspace whose `infra/*\/cdk.out` assemblies to run (default: this repository). */
  workspaceRoot?: string;
  /** Cloud assembly folders to run instead of the workspace's (any CDK app's `cdk.out`). */
  assemblies?: string[];
  /** The local cloud's own lines (start-up, refusals, warnings). */
  log?: (line: string) => void;
  /** Every line a function prints, and its START/END/REPORT lines. */
  functionLog?: (functionName: string, line: string) => void;
  /** Serves the web port instead of the status page (the chat page's static site). */
  webHandler?: RequestListener;
  /** What time it is for the Lex runtime (session TTLs, relative dates); tests move it forward. */
  clock?: () => Date;
}

export interface LocalCloud {
  /** The edge: `AWS_ENDPOINT_URL` for every SDK client. */
  endpoint: string;
  webUrl: string;
  /** What `GET /_booktrip/outputs` answers, as of now. */
  readonly outputs: LocalCloudOutputs;
  /** Resolves when every queued async invocation has finished (tests and benches). */
  drain(): Promise<void>;
  /** Stops every service: workers end, DynamoDB Local's Java exits, nothing listens. */
  stop(): Promise<void>;
}

const DEFAULT_WORKSPACE = join(__dirname, '..', '..', '..', '..');

/**
 * Starts the local cloud from synthesized cloud assemblies: loads every stack, refuses what it
 * cannot emulate, opens the edge, then builds each emulated service from the resources and
 * wires them to each other (rules → queues/functions/state machines, queues → functions, S3 →
 * the default bus, …) before the first request is answered.
 */
export async function startLocalCloud(requested: LocalCloudOptions = {}): Promise<LocalCloud> {
  const options = { ...requested, persistDir: persistDirOf(requested.persistDir) };
  const log = options.log ?? (() => undefined);
  const stacks = loadStacks(options);
  const loaded = loadLocalResources(stacks);
  for (const warning of checkSystemRequirements(loaded.resources)) {
    log(
      `warning: ${warning.command} is missing (${warning.neededFor}); install it with: ${warning.install}`,
    );
  }

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => log(`stop failed: ${String(error)}`));
    }
  };

  try {
    const edge = await startEdgeServer({
      port: options.port ?? 4566,
      host: options.host ?? '127.0.0.1',
      log,
      routes: {
        health: () => ({ status: 'ready', endpoint: edge.url, services: serviceNames }),
        outputs: () => outputs(),
      },
    });
    stops.push(() => edge.stop());
    const endpoint = edge.url;
    // Bound now, served once everything runs: its URL is part of what the templates localize.
    const web = await startWebServer(
      options.webPort ?? 3000,
      options.host ?? '127.0.0.1',
      (_request, response) => {
        response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('The local cloud is starting.\n');
      },
    );
    stops.push(() => web.stop());
    // The templates name deployed URLs (the REST API's stage URL); locally they are the edge's.
    const localize = <T>(value: T): T => localizeUrlsDeep(value, endpoint, web.url);
    const resources: LocalResource[] = localize(loaded.resources);
    const parameters = localize(loaded.parameters);
    const stackOutputs = localize(loaded.stacks);
    const common = { resources, region: LOCAL_AWS_REGION, accountId: LOCAL_ACCOUNT, endpoint };
    const authorize = await createGuestAuthorizer(resources);
    const serviceNames: string[] = [];
    const add = (name: string, service: EdgeService) => {
      edge.addService(service);
      serviceNames.push(name);
    };

    const cognito = createCognitoIdentity({ ...common, persistDir: options.persistDir });
    stops.push(() => cognito.stop());
    edge.setCredentialSource(cognito);
    add('cognito-identity', cognito.service);

    const ssm = createSsm({ ...common, parameters, authorize });
    stops.push(() => ssm.stop());
    add('ssm', ssm.service);

    const secrets = createSecretsManager({ ...common, authorize, persistDir: options.persistDir });
    stops.push(() => secrets.stop());
    add('secretsmanager', secrets.service);

    const sts = createSts(common);
    stops.push(() => sts.stop());
    add('sts', sts.service);

    // DynamoDB Local's JVM takes ~1.5 s to start: let it boot while the rest is built.
    const dynamoStarting = createDynamoDb({
      ...common,
      authorize,
      persistDir: options.persistDir,
      log,
    });

    // Emulators call each other (rules → queues → functions → buses); the late-bound ones are
    // resolved before the first request reaches any of them.
    const late: { sqs?: SqsService; events?: EventBridgeService; states?: StepFunctionsService } =
      {};
    const sendMessage: SendMessage = (queue, body, sendOptions) =>
      required(late.sqs, 'SQS').sendMessage(queue, body, sendOptions);
    const putEvents = (entries: readonly PutEventsRequestEntry[]) =>
      required(late.events, 'EventBridge').putEvents(entries);

    const lambda = createLambdaService({
      ...common,
      authorize,
      credentials: LOCAL_CREDENTIALS,
      log: options.functionLog,
      sendMessage,
      putEvents: (entries) => putEvents(entries),
    });
    stops.push(() => lambda.stop());
    add('lambda', lambda.service);

    const sqs = createSqsService({ ...common, authorize, lambda: lambda.lambda, log });
    late.sqs = sqs;
    stops.push(() => sqs.stop());
    add('sqs', sqs.service);

    // Validating the state machines (ajv, ~0.5–1.5 s of CPU) overlaps DynamoDB Local's boot:
    // their DynamoDB tasks wait for it, should an execution start that early.
    const states = createStepFunctionsService({
      ...common,
      authorize,
      lambda: lambda.lambda,
      dynamodb: {
        async send(command) {
          const client: DynamoSender = (await dynamoStarting).client;
          return client.send(command);
        },
      },
      eventBridge: { putEvents },
      log,
    });
    late.states = states;
    stops.push(() => states.stop());
    add('states', states.service);

    const dynamodb = await dynamoStarting;
    stops.push(() => dynamodb.stop());
    add('dynamodb', dynamodb.service);

    const events = createEventBridgeService({
      ...common,
      authorize,
      lambda: lambda.lambda,
      sendMessage,
      startExecution: (arn, input) => states.startExecution(arn, input),
      log,
    });
    late.events = events;
    stops.push(() => events.stop());
    add('events', events.service);

    const s3 = await createS3({
      ...common,
      authorize,
      putEvents: (entries) => events.putEvents(entries),
      persistDir: options.persistDir,
      localize: (text) => localizeUrls(text, endpoint, web.url),
      log,
    });
    stops.push(() => s3.stop());
    add('s3', s3.service);

    const apiGateway = createApiGatewayService({
      ...common,
      authorize,
      lambda: lambda.lambda,
      log,
    });
    stops.push(() => apiGateway.stop());
    add('execute-api', apiGateway.service);

    const polly = createPollyService({ ...common, authorize, log });
    stops.push(() => polly.stop());
    add('polly', polly.service);

    const lex = await createLexRuntime({
      ...common,
      authorize,
      lambda: lambda.lambda,
      synthesize: (request) => polly.synthesizeSpeech(request),
      now: options.clock,
      log,
    });
    stops.push(() => lex.stop());
    add('lex', lex.service);

    sqs.startPollers();

    web.serve(options.webHandler ?? webPortHandlerFor(statusPage(statusSources())));

    // A CloudFront distribution in the stacks gets the web port; the status page stays under
    // /_booktrip/status (or the whole port when there is none).
    function webPortHandlerFor(status: RequestListener): RequestListener {
      const site = webPortHandler(
        { resources, readObject: s3ObjectReader(s3.client), log },
        status,
      );
      return site === status ? status : withStatusPage(site, status);
    }
    function outputs(): LocalCloudOutputs {
      return buildOutputs({
        region: LOCAL_AWS_REGION,
        accountId: LOCAL_ACCOUNT,
        endpoint,
        webUrl: web.url,
        adminCredentials: LOCAL_CREDENTIALS,
        resources,
        stacks: stackOutputs,
        parameters: ssm.parameters(),
        ignored: loaded.ignored,
      });
    }
    function statusSources(): StatusSources {
      return {
        outputs,
        functions: () => lambda.stats(),
        recentEvents: () =>
          events.recentEvents().map(({ eventBusName, event }) => ({
            bus: eventBusName,
            time: event.time,
            source: event.source,
            detailType: event['detail-type'],
          })),
        recentExecutions: () =>
          states.recentExecutions(50).map((execution) => ({
            stateMachine: execution.stateMachineArn.split(':').pop() ?? execution.stateMachineArn,
            name: execution.name,
            status: execution.status,
            startDate: execution.startDate.toISOString(),
          })),
        dlqDepths: () => Promise.resolve(deadLetterQueueDepths(resources, sqs)),
      };
    }

    return {
      endpoint,
      webUrl: web.url,
      get outputs() {
        return outputs();
      },
      drain: async () => {
        await events.drain();
        await lambda.drainAsync();
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function loadStacks(options: LocalCloudOptions): LoadedStack[] {
  if (options.assemblies) return options.assemblies.flatMap((dir) => loadAssembly(dir));
  const { stacks, missing } = loadAssemblies(options.workspaceRoot ?? DEFAULT_WORKSPACE);
  if (missing.length > 0) {
    throw new Error(
      `Not synthesized for the local stage: ${missing.join(', ')}. Run: SYNTH_STAGE=local npx nx run-many -t synth`,
    );
  }
  return stacks;
}

function persistDirOf(dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  if (dir.trim() === '')
    throw new Error('persistDir (--persist) names no folder: give one, e.g. .local-cloud');
  // Relative to this process's folder; startDynamoDbLocal resolves it for its JVM, which runs in
  // the jar's folder.
  return dir;
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined)
    throw new Error(`${name} is not wired yet: the local cloud is still starting`);
  return value;
}

/** Queues the templates name as dead-letter queues or failure destinations, with their depth. */
function deadLetterQueueDepths(
  resources: readonly LocalResource[],
  sqs: SqsService,
): { queue: string; depth: number }[] {
  const dlqArns = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') dlqArns.add(value);
  };
  for (const { type, properties } of resources) {
    if (type === 'AWS::SQS::Queue') {
      const redrive = properties.RedrivePolicy as { deadLetterTargetArn?: unknown } | undefined;
      add(redrive?.deadLetterTargetArn);
    } else if (type === 'AWS::Events::Rule') {
      for (const target of (properties.Targets ?? []) as {
        DeadLetterConfig?: { Arn?: unknown };
      }[]) {
        add(target.DeadLetterConfig?.Arn);
      }
    } else if (type === 'AWS::Lambda::Function') {
      add((properties.DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn);
    } else if (type === 'AWS::Lambda::EventInvokeConfig') {
      const destinations = properties.DestinationConfig as
        { OnFailure?: { Destination?: unknown } } | undefined;
      add(destinations?.OnFailure?.Destination);
    }
  }
  return sqs
    .queues()
    .filter((queue) => dlqArns.has(queue.arn))
    .map((queue) => {
      const depth = sqs.depth(queue.arn);
      return { queue: queue.name, depth: depth.visible + depth.notVisible + depth.delayed };
    });
}

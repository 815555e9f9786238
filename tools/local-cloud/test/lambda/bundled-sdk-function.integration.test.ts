import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLambdaService, type LambdaService } from '../../src/lambda';
import { createSqsService, type SqsService } from '../../src/sqs';
import { localResource } from '../compute-support/local-resource';
import { serveEdgeServices } from '../compute-support/serve-edge-services';

// Cold Lambda workers (each loads the SDK) on a loaded CI box take longer than Jest's 5 s.
jest.setTimeout(30_000);

// A function bundled with esbuild, as CDK bundles the apps, whose SDK v3 client reaches the
// local SQS because the runtime sets AWS_ENDPOINT_URL. SDK v3's SQS client sends to the
// QueueUrl's host when no endpoint is configured in code (AWS_ENDPOINT_URL does not count), so a
// queue URL in a function's environment must name the edge: `<edge>/<account>/<name>`.
describe('a bundled function using the AWS SDK', () => {
  let dir: string;
  let lambda: LambdaService;
  let sqs: SqsService;
  let server: Awaited<ReturnType<typeof serveEdgeServices>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bundled-'));
    await build({
      entryPoints: [join(__dirname, 'fixtures', 'sdk-sender', 'index.ts')],
      outfile: join(dir, 'asset.sender', 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      minify: true,
      logLevel: 'silent',
    });
    const services: { sqs?: SqsService } = {};
    server = await serveEdgeServices([
      {
        signingNames: ['sqs'],
        handle: (request) => (services.sqs as SqsService).service.handle(request),
      },
    ]);
    const queueArn = 'arn:aws:sqs:us-east-1:000000000000:Outbox';
    const resources = [
      localResource('AWS::SQS::Queue', 'Outbox', {}, { arn: queueArn }),
      localResource(
        'AWS::Lambda::Function',
        'Sender',
        {
          Code: { S3Key: 'sender.zip' },
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          MemorySize: 256,
          Timeout: 10,
          Environment: {
            Variables: { QUEUE_URL: `${server.endpoint}/000000000000/Outbox` },
          },
        },
        { assemblyDir: dir },
      ),
    ];
    const common = {
      resources,
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint: server.endpoint,
      authorize: async () => true,
    };
    sqs = createSqsService(common);
    services.sqs = sqs;
    lambda = createLambdaService(common);
  }, 30_000);

  afterAll(async () => {
    await lambda.stop();
    await sqs.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends to the local queue through AWS_ENDPOINT_URL', async () => {
    const result = await lambda.lambda.invoke('Sender', { text: 'from a worker' });

    expect(result.functionError).toBeUndefined();
    expect(result.payload).toEqual({ messageId: expect.any(String) as unknown });
    expect(sqs.depth('arn:aws:sqs:us-east-1:000000000000:Outbox').visible).toBe(1);
  });
});

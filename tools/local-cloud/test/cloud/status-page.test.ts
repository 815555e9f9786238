import type { LocalCloudOutputs } from '../../src/cloud/outputs';
import { statusPage, type StatusSources } from '../../src/cloud/status-page';
import { startWebServer } from '../../src/cloud/web-server';

const outputs: LocalCloudOutputs = {
  region: 'us-east-1',
  accountId: '000000000000',
  endpoint: 'http://127.0.0.1:4566',
  webUrl: 'http://localhost:3000',
  adminCredentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  stacks: {
    'shop-local-orders': {
      outputs: {},
      resources: {
        OrdersTable1A2B: {
          type: 'AWS::DynamoDB::Table',
          physicalId: 'OrdersTable1A2B',
          arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/OrdersTable1A2B',
        },
        'Queue<script>': { type: 'AWS::SQS::Queue', physicalId: 'q&<b>' },
      },
    },
  },
  parameters: { '/shop/local/orders/table-name': 'OrdersTable1A2B' },
  ignored: [
    {
      stackName: 'shop-local-orders',
      logicalId: 'OrdersAlarm',
      type: 'AWS::CloudWatch::Alarm',
      reason: 'no CloudWatch metrics locally',
    },
  ],
};

const sources: StatusSources = {
  outputs: () => outputs,
  functions: () => [{ name: 'PlaceOrder', coldStarts: 2, workers: 1 }],
  recentEvents: () => [
    {
      bus: 'shop-local',
      time: '2026-12-01T13:00:00Z',
      source: 'shop.orders',
      detailType: 'Order "Placed"',
    },
  ],
  recentExecutions: () => [
    {
      stateMachine: 'FulfilOrder',
      name: 'exec-1',
      status: 'FAILED',
      startDate: '2026-12-01T13:00:01.000Z',
    },
  ],
  dlqDepths: () => Promise.resolve([{ queue: 'OrdersDlq', depth: 3 }]),
};

async function fetchPage(page: StatusSources, path = '/') {
  const web = await startWebServer(0, '127.0.0.1', statusPage(page));
  try {
    const response = await fetch(`${web.url}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  } finally {
    await web.stop();
  }
}

const row = (...cells: string[]) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;

describe('the status page', () => {
  it('shows resources by stack, functions, the last events, executions, DLQ depths, parameters and what is ignored', async () => {
    const page = await fetchPage(sources);

    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<h2>shop-local-orders</h2>');
    expect(page.text).toContain(row('OrdersTable1A2B', 'AWS::DynamoDB::Table', 'OrdersTable1A2B'));
    expect(page.text).toContain(row('PlaceOrder', '2', '1'));
    expect(page.text).toContain(
      row('shop-local', '2026-12-01T13:00:00Z', 'shop.orders', 'Order &#34;Placed&#34;'),
    );
    expect(page.text).toContain(row('FulfilOrder', 'exec-1', 'FAILED', '2026-12-01T13:00:01.000Z'));
    expect(page.text).toContain(`<h2>Dead-letter queues</h2>`);
    expect(page.text).toContain(row('OrdersDlq', '3'));
    expect(page.text).toContain(row('/shop/local/orders/table-name', 'OrdersTable1A2B'));
    expect(page.text).toContain(
      row(
        'shop-local-orders',
        'OrdersAlarm',
        'AWS::CloudWatch::Alarm',
        'no CloudWatch metrics locally',
      ),
    );
  });

  it('escapes what the templates and events bring, so no name becomes markup', async () => {
    const page = await fetchPage(sources);

    expect(page.text).toContain(
      row('Queue&#60;script&#62;', 'AWS::SQS::Queue', 'q&#38;&#60;b&#62;'),
    );
    expect(page.text).not.toContain('<script>');
    expect(page.text).not.toContain('<b>');
  });

  it('says "none" for an empty section instead of an empty table', async () => {
    const page = await fetchPage({
      ...sources,
      recentEvents: () => [],
      dlqDepths: () => Promise.resolve([]),
    });

    expect(page.text).toContain('<h2>Last events per bus</h2><p>none</p>');
    expect(page.text).toContain('<h2>Dead-letter queues</h2><p>none</p>');
  });

  it('answers 500 with the reason when a source fails, and 404 for the favicon', async () => {
    const failing = await fetchPage({
      ...sources,
      dlqDepths: () => Promise.reject(new Error('SQS is not wired yet')),
    });
    expect(failing).toMatchObject({
      status: 500,
      text: 'Status page failed: SQS is not wired yet',
    });

    expect((await fetchPage(sources, '/favicon.ico')).status).toBe(404);
  });
});

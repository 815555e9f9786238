import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { catalogue, createPublisher, type CatalogueName, type EventContract } from '../src';
import { deliveredEvent, samples } from './samples';

const eventBridge = mockClient(EventBridgeClient);

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
});

const names = Object.keys(catalogue) as CatalogueName[];

describe.each(names)('%s', (name) => {
  const contract: EventContract = catalogue[name];

  it('round-trips a realistic sample: build → PutEvents JSON → parse', async () => {
    const metadata = { correlationId: `corr-${name}`, conversationId: 'conv-1' };
    const built = contract.build(samples[name], metadata);
    const publish = createPublisher({
      eventBusName: 'booktrip-test',
      client: new EventBridgeClient({}),
    });

    await publish([built]);
    const entry = eventBridge.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    const received = contract.parse(deliveredEvent(entry ?? {}));

    expect(received.source).toBe(contract.source);
    expect(received.detailType).toBe(contract.detailType);
    expect(received.detail).toEqual({
      metadata: { ...metadata, producedAt: expect.any(String), schemaVersion: '1' },
      data: samples[name],
    });
  });

  it('has a booktrip source and a Title Case detail type', () => {
    expect(contract.source).toMatch(/^booktrip\.[a-z-]+$/);
    expect(contract.detailType).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)+$/);
  });
});

it('names every source/detail-type pair once', () => {
  const keys = Object.values(catalogue).map((c) => `${c.source} ${c.detailType}`);

  expect(new Set(keys).size).toBe(keys.length);
});

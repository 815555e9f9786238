import { conversationIdOf, correlationIdOf } from '../src/event-ids';

describe('correlationIdOf', () => {
  it.each([
    [
      'an EventBridge event: the metadata correlation id',
      correlationIdOf.eventBridge,
      { id: 'event-id', detail: { metadata: { correlationId: 'corr-1' } } },
      'corr-1',
    ],
    [
      'an EventBridge event without our metadata (AWS events): the event id',
      correlationIdOf.eventBridge,
      { id: 'event-id', detail: { bucket: { name: 'uploads' } } },
      'event-id',
    ],
    [
      'an API Gateway request: the x-correlation-id header in lower case',
      correlationIdOf.apiGateway,
      { headers: { 'x-correlation-id': 'corr-2' }, requestContext: { requestId: 'req' } },
      'corr-2',
    ],
    [
      'an API Gateway request: the header in any case',
      correlationIdOf.apiGateway,
      { headers: { 'X-CORRELATION-ID': 'corr-3' }, requestContext: { requestId: 'req' } },
      'corr-3',
    ],
    [
      'an API Gateway request without the header: the API request id',
      correlationIdOf.apiGateway,
      { headers: { accept: 'application/json' }, requestContext: { requestId: 'req' } },
      'req',
    ],
    [
      'an API Gateway request with an empty header: the API request id',
      correlationIdOf.apiGateway,
      { headers: { 'x-correlation-id': '' }, requestContext: { requestId: 'req' } },
      'req',
    ],
    [
      'a Lex turn: the request attribute sent by the page',
      correlationIdOf.lex,
      {
        requestAttributes: { 'x-correlation-id': 'corr-4' },
        sessionState: { originatingRequestId: 'lex-req' },
      },
      'corr-4',
    ],
    [
      'a Lex turn without it: the originating RecognizeText request id',
      correlationIdOf.lex,
      { requestAttributes: null, sessionState: { originatingRequestId: 'lex-req' } },
      'lex-req',
    ],
    [
      'a Step Functions task: the metadata passed along by the workflow',
      correlationIdOf.stepFunctionsTask,
      { metadata: { correlationId: 'corr-5' }, data: {} },
      'corr-5',
    ],
    [
      'a Step Functions task with a flat input',
      correlationIdOf.stepFunctionsTask,
      { correlationId: 'corr-6' },
      'corr-6',
    ],
  ])('reads %s', (_, extract, event, expected) => {
    expect(extract(event)).toBe(expected);
  });

  it.each([null, undefined, 'a string', 42, [], {}, { headers: null }, { detail: 'text' }])(
    'finds nothing, and does not throw, in %p',
    (event) => {
      for (const extract of Object.values(correlationIdOf)) {
        expect(extract(event)).toBeUndefined();
      }
    },
  );

  it('ignores a correlation id that is not a string', () => {
    expect(correlationIdOf.eventBridge({ detail: { metadata: { correlationId: 42 } } })).toBe(
      undefined,
    );
  });
});

describe('conversationIdOf', () => {
  it.each([
    [
      'an EventBridge event',
      conversationIdOf.eventBridge,
      { detail: { metadata: { conversationId: 'c1' } } },
      'c1',
    ],
    ['an API Gateway request', conversationIdOf.apiGateway, { pathParameters: { id: 'c2' } }, 'c2'],
    ['a Lex turn', conversationIdOf.lex, { sessionId: 'c3' }, 'c3'],
    [
      'a Step Functions task',
      conversationIdOf.stepFunctionsTask,
      { metadata: { conversationId: 'c4' } },
      'c4',
    ],
  ])('reads the conversation id of %s', (_, extract, event, expected) => {
    expect(extract(event)).toBe(expected);
  });

  it('finds none in a system event', () => {
    expect(conversationIdOf.eventBridge({ detail: { metadata: { correlationId: 'x' } } })).toBe(
      undefined,
    );
  });
});

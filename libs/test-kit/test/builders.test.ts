import { APIGatewayProxyEventSchema } from '@aws-lambda-powertools/parser/schemas/api-gateway';
import { S3EventNotificationEventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/s3';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import { ConversationTurnRecorded } from '@booktrip/events';
import {
  apiGatewayRestEvent,
  eventBridgeEvent,
  lexV2Event,
  s3ObjectCreatedEvent,
  sqsEvent,
} from '../src';

// Each builder must produce what AWS sends: Powertools' schemas are written from AWS's samples,
// so an event they reject would let a handler pass tests and fail in Lambda.
describe('event builders produce what the real parsers accept', () => {
  it('S3 Object Created via EventBridge', () => {
    const event = s3ObjectCreatedEvent({
      bucket: 'uploads',
      key: 'uploads/a/b/c.png',
      size: 12,
      versionId: 'v1',
    });

    const parsed = S3EventNotificationEventBridgeSchema.parse(event);

    expect(parsed.detail).toMatchObject({
      bucket: { name: 'uploads' },
      object: { key: 'uploads/a/b/c.png', size: 12, 'version-id': 'v1' },
    });
  });

  it('API Gateway REST proxy with the caller’s Cognito identity and path parameters filled in', () => {
    const event = apiGatewayRestEvent({
      method: 'GET',
      resource: '/v1/conversations/{id}',
      pathParameters: { id: 'c 1' },
      identityId: 'us-east-1:guest',
    });

    const parsed = APIGatewayProxyEventSchema.parse(event);

    expect(parsed.path).toBe('/v1/conversations/c%201');
    expect(parsed.requestContext.identity.cognitoIdentityId).toBe('us-east-1:guest');
  });

  it('SQS batch whose bodies are EventBridge events', () => {
    const inner = eventBridgeEvent(ConversationTurnRecorded, {
      sessionId: 'conv-1',
      invocationSource: 'DialogCodeHook',
      inputMode: 'Text',
      userText: 'hi',
      intentName: 'Greeting',
      intentState: 'Fulfilled',
      dialogAction: 'Close',
      botMessages: ['Hello!'],
    });

    const parsed = SqsSchema.parse(sqsEvent([inner, 'plain text']));

    expect(parsed.Records).toHaveLength(2);
    expect(ConversationTurnRecorded.parse(JSON.parse(parsed.Records[0]!.body)).id).toBe(inner.id);
    expect(parsed.Records[1]!.body).toBe('plain text');
  });

  it('Lex V2 code hook with Scalar slots and empty ones as null', () => {
    const event = lexV2Event({
      intent: 'BookHotel',
      slots: { Location: 'Chicago', Nights: null },
      invocationSource: 'FulfillmentCodeHook',
    });

    expect(event.messageVersion).toBe('1.0');
    expect(event.sessionState.intent.state).toBe('ReadyForFulfillment');
    expect(event.sessionState.intent.slots).toEqual({
      Location: {
        shape: 'Scalar',
        value: {
          originalValue: 'Chicago',
          interpretedValue: 'Chicago',
          resolvedValues: ['Chicago'],
        },
      },
      Nights: null,
    });
    expect(event.interpretations[0]?.intent.name).toBe('BookHotel');
  });
});

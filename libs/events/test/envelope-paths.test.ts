import { envelopeTemplate, metadataTemplate } from '../src/layouts/envelope-paths';
import { SCHEMA_VERSION } from '../src/metadata';

describe('envelope templates for Step Functions states', () => {
  it('takes the ids from their paths, stamps the state time and our schema version', () => {
    expect(
      envelopeTemplate({ correlationId: '$.ids.c', conversationId: '$.ids.v' }, '$.reservation'),
    ).toEqual({
      metadata: {
        'correlationId.$': '$.ids.c',
        'conversationId.$': '$.ids.v',
        'producedAt.$': '$$.State.EnteredTime',
        schemaVersion: SCHEMA_VERSION,
      },
      'data.$': '$.reservation',
    });
  });

  it('keeps a data template as given and leaves out what the state does not know', () => {
    const data = { 'source.$': '$.source', reason: 'PROCESSING_FAILED' };

    expect(envelopeTemplate({ correlationId: '$.id' }, data)).toEqual({
      metadata: {
        'correlationId.$': '$.id',
        'producedAt.$': '$$.State.EnteredTime',
        schemaVersion: SCHEMA_VERSION,
      },
      data,
    });
    expect(metadataTemplate({ correlationId: '$.id', producedAt: false })).toEqual({
      'correlationId.$': '$.id',
      schemaVersion: SCHEMA_VERSION,
    });
  });
});

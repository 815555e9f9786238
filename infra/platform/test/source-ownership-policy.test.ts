import { Stack } from 'aws-cdk-lib';
import { ownerOf, sourceOwnershipPolicy } from '../src/source-ownership-policy';

describe('ownerOf', () => {
  it('names the service of a booktrip.<service> source', () => {
    expect(ownerOf('booktrip.lex-fulfilment')).toBe('lex-fulfilment');
  });

  it.each(['aws.s3', 'booktrip.', 'booktrip.Booking', 'booktrip.a/b', 'xbooktrip.booking'])(
    'rejects %j, which no BookTrip service owns',
    (source) => {
      expect(() => ownerOf(source)).toThrow(/is not booktrip.<service>/);
    },
  );
});

describe('sourceOwnershipPolicy', () => {
  const resolve = (sources: string[]) =>
    new Stack().resolve(sourceOwnershipPolicy('arn:bus', sources).toJSON());

  it('writes one deny statement per source, each with its own statement id', () => {
    const policy = resolve(['booktrip.image-flip', 'booktrip.booking']);

    expect(policy.Statement.map((statement: { Sid: string }) => statement.Sid)).toEqual([
      'OnlyImageFlipPublishesItsSource',
      'OnlyBookingPublishesItsSource',
    ]);
    expect(policy.Statement[0]).toEqual({
      Sid: 'OnlyImageFlipPublishesItsSource',
      Effect: 'Deny',
      Principal: '*',
      Action: 'events:PutEvents',
      Resource: 'arn:bus',
      Condition: {
        'ForAnyValue:StringEquals': { 'events:source': 'booktrip.image-flip' },
        StringNotEquals: { 'aws:PrincipalTag/booktrip:service': 'image-flip' },
      },
    });
  });

  it('refuses a source it cannot attribute to a service instead of leaving it unguarded', () => {
    expect(() => resolve(['booktrip.booking', 'aws.s3'])).toThrow(/aws.s3/);
  });
});

import { LocalQueue } from '../../src/sqs/local-queue';
import { parseQueueAttributeChanges } from '../../src/sqs/queue-attributes';
import { queueSettings } from '../../src/sqs/queue-settings';
import { localResource } from '../compute-support/local-resource';

const arn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const exists = (candidate: string) => candidate === arn('Dead');

describe('SetQueueAttributes on a local queue', () => {
  let clock = 1_000_000;
  const moved: string[] = [];
  const queue = () =>
    new LocalQueue(
      queueSettings(
        localResource('AWS::SQS::Queue', 'Work', { VisibilityTimeout: 180 }, { arn: arn('Work') }),
        'http://x',
        'us-east-1',
        '000000000000',
      ),
      (_target, message) => moved.push(message.body),
      () => clock,
    );

  it('receives with the lowered visibility timeout from then on', async () => {
    const work = queue();
    work.send('first', {});
    await work.receive({});
    work.applySettings(parseQueueAttributeChanges({ VisibilityTimeout: '2' }, exists));
    work.send('second', {});
    await work.receive({});

    clock += 2_000;
    const visibleAgain = await work.receive({ max: 10 });

    // The first message keeps the 180 s it was received with; the second is back after 2 s.
    expect(visibleAgain.map((message) => message.body)).toEqual(['second']);
    expect(work.settings.visibilityTimeoutSeconds).toBe(2);
  });

  it('redrives by a redrive policy set later, and stops when it is removed', async () => {
    const work = queue();
    work.applySettings(
      parseQueueAttributeChanges(
        {
          VisibilityTimeout: '0',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('Dead'), maxReceiveCount: 1 }),
        },
        exists,
      ),
    );
    work.send('poison', {});
    await work.receive({});
    expect(await work.receive({})).toEqual([]);
    expect(moved).toEqual(['poison']);

    work.applySettings(parseQueueAttributeChanges({ RedrivePolicy: '' }, exists));
    work.send('kept', {});
    await work.receive({});
    expect((await work.receive({}))[0]?.body).toBe('kept');
    expect(work.settings.redrive).toBeUndefined();
  });

  it.each([
    [{ VisibilityTimeout: '43201' }, 'InvalidAttributeValue', /VisibilityTimeout/],
    [{ VisibilityTimeout: '1.5' }, 'InvalidAttributeValue', /VisibilityTimeout/],
    [{ MessageRetentionPeriod: '59' }, 'InvalidAttributeValue', /MessageRetentionPeriod/],
    [{ ReceiveMessageWaitTimeSeconds: '21' }, 'InvalidAttributeValue', /WaitTimeSeconds/],
    [{ RedrivePolicy: '{' }, 'InvalidAttributeValue', /Invalid JSON/],
    [
      { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('Gone'), maxReceiveCount: 3 }) },
      'InvalidAttributeValue',
      /does not exist/,
    ],
    [
      { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('Dead'), maxReceiveCount: 0 }) },
      'InvalidAttributeValue',
      /maxReceiveCount/,
    ],
    [{ Colour: 'blue' }, 'InvalidAttributeName', /Unknown Attribute Colour/],
    [{ Policy: '{}' }, 'InvalidAttributeName', /Policy cannot be set locally/],
    [{ SqsManagedSseEnabled: 'false' }, 'InvalidAttributeName', /SqsManagedSseEnabled/],
  ])('refuses %j with %s', (attributes, code, message) => {
    let thrown: unknown;
    try {
      parseQueueAttributeChanges(attributes, exists);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  it('changes nothing when one attribute of the request is invalid', () => {
    const work = queue();
    expect(() =>
      work.applySettings(
        parseQueueAttributeChanges({ VisibilityTimeout: '5', DelaySeconds: '901' }, exists),
      ),
    ).toThrow(/DelaySeconds/);
    expect(work.settings.visibilityTimeoutSeconds).toBe(180);
  });
});

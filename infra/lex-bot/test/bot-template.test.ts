import { slotReferences } from '@booktrip/bot-model';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { CfnLexBotProperties } from './cfn-lex-bot-schema';
import { lexBotApp } from './lex-bot-app';

// Each synthesis runs cdk-nag and CloudFormation's schema validation (a few seconds each).
jest.setTimeout(120_000);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
let botProperties: Record<string, Json>;

beforeAll(() => {
  const { app, stack } = lexBotApp();
  const template = app.synth().getStackArtifact(stack.artifactId).template as {
    Resources: Record<string, { Type: string; Properties: Record<string, Json> }>;
  };
  const bots = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lex::Bot');
  expect(bots).toHaveLength(1);
  botProperties = bots[0]!.Properties;
});

/** Every text of an intent a guest may see or say (not its names or types). */
function textsOf(value: Json, key = ''): string[] {
  if (typeof value === 'string') {
    return ['Name', 'Description', 'SlotTypeName', 'ParentIntentSignature', 'SlotName'].includes(
      key,
    )
      ? []
      : [value];
  }
  if (Array.isArray(value)) return value.flatMap((v) => textsOf(v, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => textsOf(v, k));
  }
  return [];
}

const locales = () => CfnLexBotProperties.parse(botProperties).BotLocales ?? [];

describe('the synthesized AWS::Lex::Bot', () => {
  it('validates against the CloudFormation schema of AWS::Lex::Bot', () => {
    const result = CfnLexBotProperties.safeParse(botProperties);

    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('references, in prompts and utterances, only slots its intent has', () => {
    const unknown: string[] = [];
    for (const locale of locales()) {
      for (const intent of locale.Intents ?? []) {
        const slots = new Set((intent.Slots ?? []).map((s) => s.Name));
        for (const reference of textsOf(intent as Json).flatMap(slotReferences)) {
          if (!slots.has(reference)) unknown.push(`${intent.Name}: {${reference}}`);
        }
      }
    }

    expect(unknown).toEqual([]);
  });

  it('really references slots, so the check above has something to check', () => {
    const bookHotel = locales()[0]?.Intents?.find((i) => i.Name === 'BookHotel');

    expect(new Set(textsOf(bookHotel as Json).flatMap(slotReferences))).toEqual(
      new Set(['Location', 'CheckInDate', 'Nights', 'RoomType']),
    );
  });

  it('uses only built-in slot types and slot types defined in the locale', () => {
    for (const locale of locales()) {
      const defined = new Set((locale.SlotTypes ?? []).map((t) => t.Name));
      const used = (locale.Intents ?? []).flatMap((i) =>
        (i.Slots ?? []).map((s) => s.SlotTypeName),
      );

      expect(used.filter((name) => !name.startsWith('AMAZON.') && !defined.has(name))).toEqual([]);
      expect(used).toEqual(
        expect.arrayContaining(['RoomTypeValues', 'CarTypeValues', 'AMAZON.Date']),
      );
    }
  });
});

describe('the schema of the test', () => {
  it.each<[string, (bot: Record<string, Json>) => Record<string, Json>]>([
    ['a misspelt DataPrivacy key', (bot) => ({ ...bot, DataPrivacy: { childDirected: false } })],
    ['a bot without a role', ({ RoleArn: _, ...bot }) => bot],
    ['an idle TTL below a minute', (bot) => ({ ...bot, IdleSessionTTLInSeconds: 30 })],
    [
      'a slot type resolution spelt as in the Lex API',
      (bot) =>
        JSON.parse(JSON.stringify(bot).replaceAll('"TOP_RESOLUTION"', '"TopResolution"')) as Record<
          string,
          Json
        >,
    ],
    [
      'a response card with six buttons',
      (bot) =>
        JSON.parse(
          JSON.stringify(bot).replace(
            '"Buttons":[',
            '"Buttons":[{"Text":"a","Value":"a"},{"Text":"b","Value":"b"},{"Text":"c","Value":"c"},',
          ),
        ) as Record<string, Json>,
    ],
  ])('rejects %s, as CloudFormation does', (_, breakIt) => {
    expect(CfnLexBotProperties.safeParse(breakIt(botProperties)).success).toBe(false);
  });
});

describe('synthesis', () => {
  it('fails on a property CloudFormation would reject', () => {
    const { app, stack } = lexBotApp();
    stack.bot.addPropertyOverride('DataPrivacy.childDirected', false);

    expect(() => app.synth()).toThrow(/childDirected/);
  });

  it('fails on an unacknowledged cdk-nag finding', () => {
    const { app, stack } = lexBotApp();
    new Queue(stack, 'QueueWithoutDeadLetterQueue');

    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});

// Issue 17's acceptance dialogues on the whole local cloud (the BookHotel journey, BookCar and
// Polly are in lex-journey): each runs through the real LexRuntimeV2Client with guest
// credentials, in a conversation the history API opened, its token sent on every turn as the
// chat page sends it. Endpoint, credentials and SSM parameters only: see support/cloud-under-test.
// The code hook decides some dialog actions itself: the assertions are what the guest sees.
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { cloudUnderTest, type CloudUnderTest } from './support/cloud-under-test';
import {
  guestChats,
  isoDaysFromNow,
  slotOf as slot,
  textOf as text,
  type GuestChats,
} from './support/guest-chat';

jest.setTimeout(120_000);

describe('dialogues with the bot on the local cloud, as a guest', () => {
  let cloud: CloudUnderTest;
  let chats: GuestChats;

  beforeAll(async () => {
    cloud = await cloudUnderTest();
    chats = await guestChats(cloud, await cloud.guest());
  });
  afterAll(async () => {
    chats?.close();
    await cloud?.stop();
  });

  /** A `say` in a new conversation, as the page talks in it. */
  const conversation = async () => (await chats.open()).say;

  it('re-asks for a check-in date in the past, saying why', async () => {
    const say = await conversation();
    expect((await say('I need a hotel in Boston')).sessionState?.dialogAction).toMatchObject({
      type: 'ElicitSlot',
      slotToElicit: 'CheckInDate',
    });
    const past = await say('3 days ago');
    expect(past.sessionState?.dialogAction).toMatchObject({
      type: 'ElicitSlot',
      slotToElicit: 'CheckInDate',
    });
    expect(slot(past, 'CheckInDate')).toBeNull();
    expect(text(past)).toContain(isoDaysFromNow(-3));
    expect(text(past)).toMatch(/in the past/i);
  });

  it('declines the booking when the guest says no at the confirmation', async () => {
    const say = await conversation();
    const asked = await say(
      `book a queen room in Seattle for 2 nights starting ${isoDaysFromNow(10)}`,
    );
    expect(asked.sessionState?.dialogAction?.type).toBe('ConfirmIntent');
    expect(text(asked)).toMatch(/\$\d/);
    const declined = await say('no');
    expect(declined.sessionState?.intent).toMatchObject({
      name: 'BookHotel',
      state: 'Failed',
      confirmationState: 'Denied',
    });
    // Whether the hook closes or asks what else: the guest is told, and nothing is requested.
    expect(text(declined)).not.toBe('');
    expect(text(declined)).not.toMatch(/requested/i);
  });

  it('fills three slots from one utterance and asks only for the one left', async () => {
    const say = await conversation();
    const answer = await say('book a king room in Chicago for 3 nights');
    expect(answer.sessionState?.intent?.name).toBe('BookHotel');
    expect(slot(answer, 'Location')).toBe('Chicago');
    expect(slot(answer, 'RoomType')).toBe('king');
    expect(slot(answer, 'Nights')).toBe('3');
    expect(answer.sessionState?.dialogAction).toMatchObject({
      type: 'ElicitSlot',
      slotToElicit: 'CheckInDate',
    });
  });

  it('answers gibberish with FallbackIntent, which carries no confidence', async () => {
    const say = await conversation();
    const answer = await say('qwzx plorb vantic');
    const [first] = answer.interpretations ?? [];
    expect(first?.intent?.name).toBe('FallbackIntent');
    expect(first?.nluConfidence).toBeUndefined();
    expect(text(answer)).not.toBe('');
  });

  it('answers an unknown alias with 404 ResourceNotFoundException', async () => {
    const guest = await cloud.guest();
    const lex = new LexRuntimeV2Client(cloud.config(guest.credentials));
    try {
      const error = await lex
        .send(
          new RecognizeTextCommand({
            botId: await cloud.parameter('lex-bot/bot-id'),
            botAliasId: 'NOSUCHALIAS',
            localeId: 'en_US',
            sessionId: 'scenario-unknown-alias',
            text: 'book a hotel',
          }),
        )
        .then(
          () => undefined,
          (rejection: unknown) => rejection,
        );
      expect(error).toMatchObject({
        name: 'ResourceNotFoundException',
        $metadata: { httpStatusCode: 404 },
      });
    } finally {
      lex.destroy();
    }
  });

  it("fills the room type from a card button's value", async () => {
    const say = await conversation();
    const asked = await say(`book a hotel in Denver for 2 nights from ${isoDaysFromNow(12)}`);
    expect(asked.sessionState?.dialogAction).toMatchObject({
      type: 'ElicitSlot',
      slotToElicit: 'RoomType',
    });
    const card = asked.messages?.find((message) => message.contentType === 'ImageResponseCard');
    const buttons = card?.imageResponseCard?.buttons ?? [];
    expect(buttons.map((button) => button.text)).toEqual(['Queen', 'King', 'Deluxe']);
    // A button press sends its value as the guest's text, as the page (and Lex's clients) do.
    const deluxe = buttons.find((button) => button.text === 'Deluxe');
    const pressed = await say(deluxe?.value ?? '');
    expect(slot(pressed, 'RoomType')).toBe(deluxe?.value);
    expect(pressed.sessionState?.dialogAction?.type).toBe('ConfirmIntent');
    expect(text(pressed)).toMatch(/deluxe room/i);
  });
});

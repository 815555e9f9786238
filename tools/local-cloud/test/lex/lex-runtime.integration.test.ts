import {
  DeleteSessionCommand,
  GetSessionCommand,
  PutSessionCommand,
  RecognizeTextCommand,
  type RecognizeTextCommandOutput,
} from '@aws-sdk/client-lex-runtime-v2';
import { startLexHarness, type LexHarness } from './lex-harness';
import { errorOf } from './error-of';

// Under a loaded machine the first turns (bundle load, first HTTP/2 session) take seconds.
jest.setTimeout(30_000);

let lex: LexHarness;
let sessions = 0;
const newSessionId = () => `test-session-${++sessions}-${Date.now()}`;

beforeAll(async () => {
  lex = await startLexHarness();
}, 180_000);
afterAll(() => lex.close());

const say = (sessionId: string, text: string, client = lex.guest) =>
  client.send(new RecognizeTextCommand({ ...lex.bot, sessionId, text }));

const textOf = (response: RecognizeTextCommandOutput) =>
  (response.messages ?? [])
    .filter((m) => m.contentType === 'PlainText')
    .map((m) => m.content)
    .join(' ');

const slotOf = (response: RecognizeTextCommandOutput, slot: string) =>
  response.sessionState?.intent?.slots?.[slot]?.value?.interpretedValue ?? null;

const isoDay = (offsetDays: number) =>
  new Date(lex.now().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('the local Lex runtime, through LexRuntimeV2Client with guest credentials', () => {
  it('books a hotel step by step to Fulfilled, showing the price and a room-type card', async () => {
    const sessionId = newSessionId();
    const start = await say(sessionId, 'book a hotel');
    expect(start.interpretations?.[0]?.intent?.name).toBe('BookHotel');
    expect(start.interpretations?.[0]?.nluConfidence?.score).toBeGreaterThan(0.4);
    expect(start.sessionState?.dialogAction).toEqual({
      type: 'ElicitSlot',
      slotToElicit: 'Location',
    });
    expect(textOf(start)).toBe('What city will you be staying in?');

    const city = await say(sessionId, 'Chicago');
    expect(slotOf(city, 'Location')).toBe('Chicago');
    expect(city.sessionState?.dialogAction?.slotToElicit).toBe('CheckInDate');

    const date = await say(sessionId, 'tomorrow');
    expect(slotOf(date, 'CheckInDate')).toBe(isoDay(1));
    expect(date.sessionState?.dialogAction?.slotToElicit).toBe('Nights');

    const nights = await say(sessionId, 'three');
    expect(slotOf(nights, 'Nights')).toBe('3');
    expect(nights.sessionState?.dialogAction?.slotToElicit).toBe('RoomType');
    const card = nights.messages?.find((m) => m.contentType === 'ImageResponseCard');
    expect(card?.imageResponseCard?.title).toBe('Room type');
    const king = card?.imageResponseCard?.buttons?.find((button) => button.text === 'King');
    expect(king?.value).toBe('king');

    // The card's button sends its value as the user's text.
    const room = await say(sessionId, king?.value ?? '');
    expect(slotOf(room, 'RoomType')).toBe('king');
    expect(room.sessionState?.dialogAction?.type).toBe('ConfirmIntent');
    expect(textOf(room)).toMatch(
      new RegExp(
        `^Okay, I have you down for a 3 night stay in Chicago starting ${isoDay(1)}, a king room, for \\$\\d+\\.\\d\\d\\. Shall I book`,
      ),
    );
    expect(room.sessionState?.sessionAttributes?.currentReservationPrice).toMatch(/^\$\d+\.\d\d$/);

    const before = lex.published.length;
    const done = await say(sessionId, 'yeah');
    expect(done.sessionState?.dialogAction?.type).toBe('Close');
    expect(done.sessionState?.intent?.state).toBe('Fulfilled');
    expect(done.sessionState?.intent?.confirmationState).toBe('Confirmed');
    expect(textOf(done)).toMatch(/^Thanks! I've requested a king room in Chicago for 3 nights/);
    expect(lex.published.slice(before).map((entry) => entry.DetailType)).toContain(
      'Reservation Requested',
    );

    // BookCar right after: the hook offers the stay's city and dates, then asks what is left.
    const car = await say(sessionId, 'I also need a rental car');
    expect(car.sessionState?.intent?.name).toBe('BookCar');
    expect(car.sessionState?.dialogAction?.type).toBe('ConfirmIntent');
    expect(car.sessionState?.sessionAttributes?.confirmationContext).toBe('AutoPopulate');
    expect(textOf(car)).toMatch(/Chicago/);
    const prefilled = await say(sessionId, 'sure');
    expect(slotOf(prefilled, 'PickUpCity')).toBe('Chicago');
    expect(slotOf(prefilled, 'PickUpDate')).toBe(isoDay(1));
    expect(slotOf(prefilled, 'ReturnDate')).toBe(isoDay(4));
    expect(prefilled.sessionState?.dialogAction).toEqual({
      type: 'ElicitSlot',
      slotToElicit: 'DriverAge',
    });
  });

  it('fills three slots from one utterance and asks for the one left', async () => {
    const response = await say(newSessionId(), 'book a king room in Chicago for 3 nights');
    expect(response.sessionState?.intent?.name).toBe('BookHotel');
    expect(slotOf(response, 'Location')).toBe('Chicago');
    expect(slotOf(response, 'RoomType')).toBe('king');
    expect(slotOf(response, 'Nights')).toBe('3');
    expect(response.sessionState?.dialogAction).toEqual({
      type: 'ElicitSlot',
      slotToElicit: 'CheckInDate',
    });
  });

  it('re-asks for a check-in date in the past, saying why', async () => {
    const sessionId = newSessionId();
    await say(sessionId, 'I need a hotel in Boston');
    const response = await say(sessionId, '3 days ago');
    expect(response.sessionState?.dialogAction).toEqual({
      type: 'ElicitSlot',
      slotToElicit: 'CheckInDate',
    });
    expect(slotOf(response, 'CheckInDate')).toBeNull();
    expect(textOf(response)).toBe(
      `${isoDay(-3)} is in the past. What day do you want to check in?`,
    );
  });

  it('declines the booking when the answer to the confirmation is no', async () => {
    const sessionId = newSessionId();
    const confirm = await say(
      sessionId,
      'book a queen room in Seattle for 2 nights starting tomorrow',
    );
    expect(confirm.sessionState?.dialogAction?.type).toBe('ConfirmIntent');
    const before = lex.published.length;
    const response = await say(sessionId, 'nope');
    expect(response.sessionState?.dialogAction?.type).toBe('Close');
    expect(response.sessionState?.intent?.state).toBe('Failed');
    expect(response.sessionState?.intent?.confirmationState).toBe('Denied');
    expect(textOf(response)).toMatch(/^Okay, I won't book that/);
    expect(lex.published.slice(before).map((entry) => entry.DetailType)).not.toContain(
      'Reservation Requested',
    );
  });

  it('answers gibberish with FallbackIntent, which carries no confidence', async () => {
    const response = await say(newSessionId(), 'qwzx plorb vantic');
    const [first] = response.interpretations ?? [];
    expect(first?.intent?.name).toBe('FallbackIntent');
    expect(first?.nluConfidence).toBeUndefined();
    expect(response.sessionState?.dialogAction?.type).toBe('ElicitIntent');
    expect(textOf(response)).toMatch(/^Sorry, I didn't get that/);
  });

  it('ranks every intent in the interpretations, each with its own slots and a descending score', async () => {
    // An utterance that could be more than one intent, so the runners-up score above zero.
    const ambiguous = await say(newSessionId(), 'I want to book');
    const ranked = ambiguous.interpretations ?? [];
    expect(ranked.map((i) => i.intent?.name).sort()).toEqual(
      ['BookCar', 'BookHotel', 'FallbackIntent', 'Greeting'].sort(),
    );
    const scored = ranked.filter((i) => i.intent?.name !== 'FallbackIntent');
    const scores = scored.map((i) => i.nluConfidence?.score);
    expect(scores.every((score) => typeof score === 'number')).toBe(true);
    expect(scores).toEqual([...(scores as number[])].sort((a, b) => b - a));
    expect(scores[1]).toBeGreaterThan(0);
    expect(scores[0]).toBeGreaterThan(scores[1] as number);
    // The fallback has no confidence, and is last when another intent clears the threshold.
    expect(ranked.at(-1)?.intent?.name).toBe('FallbackIntent');
    expect(ranked.at(-1)?.nluConfidence).toBeUndefined();

    // The runner-up is its own intent: its slots, filled from the same words, and no state.
    const car = await say(newSessionId(), 'rent a car in Chicago tomorrow');
    const [first, second] = car.interpretations ?? [];
    expect(first?.intent?.name).toBe('BookCar');
    expect(first?.intent?.slots?.PickUpCity?.value?.interpretedValue).toBe('Chicago');
    expect(second?.intent?.name).toBe('BookHotel');
    expect(Object.keys(second?.intent?.slots ?? {}).sort()).toEqual(
      ['CheckInDate', 'Location', 'Nights', 'RoomType'].sort(),
    );
    expect(second?.intent?.slots?.Location?.value?.interpretedValue).toBe('Chicago');
    expect(second?.intent?.slots?.CheckInDate?.value?.interpretedValue).toBe(isoDay(1));
    expect(second?.intent?.state).toBeUndefined();
    expect(second?.nluConfidence?.score).toBeLessThan(first?.nluConfidence?.score ?? 0);
  });

  it('starts a new session after the idle TTL', async () => {
    const sessionId = newSessionId();
    await say(sessionId, 'book a hotel');
    const city = await say(sessionId, 'Denver');
    expect(slotOf(city, 'Location')).toBe('Denver');
    expect(
      (await lex.admin.send(new GetSessionCommand({ ...lex.bot, sessionId }))).sessionState?.intent
        ?.name,
    ).toBe('BookHotel');

    lex.advance(601);
    const error = await errorOf(lex.admin.send(new GetSessionCommand({ ...lex.bot, sessionId })));
    expect(error.name).toBe('ResourceNotFoundException');
    const fresh = await say(sessionId, 'book a hotel');
    expect(slotOf(fresh, 'Location')).toBeNull();
    expect(fresh.sessionState?.dialogAction?.slotToElicit).toBe('Location');
  });

  it('answers an unknown alias with 404 ResourceNotFoundException', async () => {
    const error = await errorOf(
      lex.guest.send(
        new RecognizeTextCommand({
          ...lex.bot,
          botAliasId: 'NOSUCHALIAS',
          sessionId: 'abc',
          text: 'hi',
        }),
      ),
    );
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('answers a code hook that throws with 424 DependencyFailedException', async () => {
    lex.hook.mode = 'throws';
    try {
      const error = await errorOf(say(newSessionId(), 'book a hotel'));
      expect(error.name).toBe('DependencyFailedException');
      expect(error.$metadata.httpStatusCode).toBe(424);
      expect(error.message).toMatch(/Invalid Lambda Response/);
    } finally {
      lex.hook.mode = 'real';
    }
  });

  it('refuses a guest what the guest role does not grant, with 403 AccessDeniedException', async () => {
    const sessionId = newSessionId();
    await say(sessionId, 'hello');
    const error = await errorOf(lex.guest.send(new GetSessionCommand({ ...lex.bot, sessionId })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata.httpStatusCode).toBe(403);
    const testAlias = await errorOf(
      lex.guest.send(
        new RecognizeTextCommand({
          ...lex.bot,
          botAliasId: 'TSTALIASID',
          sessionId,
          text: 'hello',
        }),
      ),
    );
    expect(testAlias.name).toBe('AccessDeniedException');
  });

  it.each([
    ['of 1 character', 'x'],
    ['of 101 characters', 's'.repeat(101)],
    ['with a slash', 'trip/42'],
    ['with a space', 'trip 42'],
  ])('refuses a session id %s with 400 ValidationException', async (_, sessionId) => {
    const error = await errorOf(say(sessionId, 'hello'));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/sessionId/);
  });

  it('accepts session ids of 2 and 100 characters of [0-9a-zA-Z._:-]', async () => {
    // The shortest and the longest ids Lex accepts (8 + 92 characters).
    for (const sessionId of ['ab', `a.b_c:d-${'9'.repeat(92)}`]) {
      const response = await say(sessionId, 'book a hotel');
      expect(response.sessionId).toBe(sessionId);
      expect(response.sessionState?.dialogAction?.slotToElicit).toBe('Location');
    }
  });

  it('refuses an empty text and one of 1 025 characters, and answers one of 1 024', async () => {
    const empty = await errorOf(say(newSessionId(), ''));
    expect(empty.name).toBe('ValidationException');
    expect(empty.$metadata.httpStatusCode).toBe(400);
    expect(empty.message).toMatch(/'text'.*between 1 and 1024/);

    const longest = 'book a hotel '.repeat(78).padEnd(1024, '!');
    expect(longest).toHaveLength(1024);
    const answered = await say(newSessionId(), longest);
    expect(answered.interpretations?.length).toBeGreaterThan(0);

    const tooLong = await errorOf(say(newSessionId(), `${longest}x`));
    expect(tooLong.name).toBe('ValidationException');
    expect(tooLong.$metadata.httpStatusCode).toBe(400);
    expect(tooLong.message).toMatch(/'text'.*between 1 and 1024/);
  });

  it('reads "tomorrow" in the zone x-amz-lex:time-zone names, and refuses one it cannot read', async () => {
    // Kiritimati (UTC+14) and Pago Pago (UTC−11) are never on the same calendar day, so the two
    // people below say "tomorrow" at the same instant and mean two different days.
    const tomorrowIn = (timeZone: string) => {
      // The runtime's clock, which an earlier test moved past the idle TTL.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(lex.now());
      return new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    };
    const checkIn = async (timeZone: string) => {
      const sessionId = newSessionId();
      const requestAttributes = { 'x-amz-lex:time-zone': timeZone };
      const turn = (text: string) =>
        lex.guest.send(
          new RecognizeTextCommand({ ...lex.bot, sessionId, text, requestAttributes }),
        );
      await turn('book a hotel');
      await turn('Chicago');
      return slotOf(await turn('tomorrow'), 'CheckInDate');
    };
    const east = tomorrowIn('Pacific/Kiritimati');
    const west = tomorrowIn('Pacific/Pago_Pago');
    expect(east).not.toBe(west);
    expect(await checkIn('Pacific/Kiritimati')).toBe(east);
    expect(await checkIn('Pacific/Pago_Pago')).toBe(west);

    const unreadable = await errorOf(
      lex.guest.send(
        new RecognizeTextCommand({
          ...lex.bot,
          sessionId: newSessionId(),
          text: 'book a hotel',
          requestAttributes: { 'x-amz-lex:time-zone': 'Mars/Olympus_Mons' },
        }),
      ),
    );
    expect(unreadable.name).toBe('ValidationException');
    expect(unreadable.message).toMatch(/IANA time zone/);
  });

  it('answers a second request on a busy session with 409 ConflictException', async () => {
    const sessionId = newSessionId();
    lex.hook.mode = 'slow';
    try {
      const first = say(sessionId, 'book a hotel');
      // The second request arrives while the first is inside the (slow) code hook.
      while (lex.hook.inFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const [firstResult, second] = await Promise.allSettled([first, say(sessionId, 'Chicago')]);
      expect(firstResult.status).toBe('fulfilled');
      expect(second.status).toBe('rejected');
      expect((second as PromiseRejectedResult).reason.name).toBe('ConflictException');
    } finally {
      lex.hook.mode = 'real';
    }
  });

  it('puts, gets and deletes a session', async () => {
    const sessionId = newSessionId();
    await lex.admin.send(
      new PutSessionCommand({
        ...lex.bot,
        sessionId,
        sessionState: {
          sessionAttributes: { lastConfirmedReservation: 'none' },
          dialogAction: { type: 'ElicitSlot', slotToElicit: 'Location' },
          intent: { name: 'BookHotel', state: 'InProgress', slots: {} },
        },
      }),
    );
    const put = await lex.admin.send(new GetSessionCommand({ ...lex.bot, sessionId }));
    expect(put.sessionState?.sessionAttributes).toEqual({ lastConfirmedReservation: 'none' });
    expect(put.sessionState?.dialogAction?.slotToElicit).toBe('Location');

    // The put state is the one the next turn continues: "Austin" answers the Location question.
    const city = await say(sessionId, 'Austin', lex.admin);
    expect(slotOf(city, 'Location')).toBe('Austin');
    expect(city.sessionState?.dialogAction?.slotToElicit).toBe('CheckInDate');
    const got = await lex.admin.send(new GetSessionCommand({ ...lex.bot, sessionId }));
    expect(got.sessionState?.intent?.slots?.Location?.value?.interpretedValue).toBe('Austin');
    await lex.admin.send(new DeleteSessionCommand({ ...lex.bot, sessionId }));
    const gone = await errorOf(lex.admin.send(new GetSessionCommand({ ...lex.bot, sessionId })));
    expect(gone.name).toBe('ResourceNotFoundException');
  });
});

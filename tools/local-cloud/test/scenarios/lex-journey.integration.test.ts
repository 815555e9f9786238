// Issue 17's end-to-end acceptance: a guest books a hotel by talking to the bot through the
// real Lex V2 runtime client (default configuration: HTTP/2 on Node), the booking lands in the
// conversation's history, and a car is offered from it; Polly speaks through the same endpoint.
// Endpoint, credentials and SSM parameters only: see support/cloud-under-test.
import { PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import { decodedFigures } from '../polly/audio-check';
import { cloudUnderTest, type CloudUnderTest, type Guest } from './support/cloud-under-test';
import {
  guestChats,
  isoDaysFromNow,
  slotOf as slot,
  textOf as text,
  type GuestChats,
} from './support/guest-chat';
import { eventually, signedFetch } from './support/signed-fetch';

jest.setTimeout(180_000);

describe('a guest talking to the bot', () => {
  let cloud: CloudUnderTest;
  let guest: Guest;
  let apiUrl: string;
  let chats: GuestChats;

  beforeAll(async () => {
    cloud = await cloudUnderTest();
    guest = await cloud.guest();
    apiUrl = await cloud.parameter('conversation-history/api-url');
    chats = await guestChats(cloud, guest);
  });
  afterAll(async () => {
    chats?.close();
    await cloud?.stop();
  });

  const api = (path: string) =>
    signedFetch(new URL(path, apiUrl).toString(), {
      method: 'GET',
      region: cloud.region,
      credentials: guest.credentials,
    });

  it('books a hotel by chat, sees it confirmed in the history, and is offered a car for the stay', async () => {
    const { conversationId, token, say } = await chats.open('Chicago trip');
    expect(token).toMatch(/^[\w-]{43}$/);
    const checkIn = isoDaysFromNow(21);
    const checkOut = isoDaysFromNow(24);

    const opened = await say('I want to book a hotel');
    expect(opened.sessionState?.intent?.name).toBe('BookHotel');
    expect(opened.sessionState?.dialogAction).toMatchObject({
      type: 'ElicitSlot',
      slotToElicit: 'Location',
    });
    expect(slot(await say('Chicago'), 'Location')).toBe('Chicago');
    expect(slot(await say(checkIn), 'CheckInDate')).toBe(checkIn);
    expect(slot(await say('3'), 'Nights')).toBe('3');
    const priced = await say('king');
    expect(priced.sessionState?.dialogAction?.type).toBe('ConfirmIntent');
    expect(text(priced)).toContain('$');

    const fulfilled = await say('yes');
    expect(fulfilled.sessionState?.intent?.state).toBe('Fulfilled');
    expect(text(fulfilled)).toContain(`a king room in Chicago for 3 nights from ${checkIn}`);

    // Reservation Requested → the booking workflow → Reservation Confirmed → the history.
    const confirmed = await eventually(
      async () => {
        const page = await api(`v1/conversations/${conversationId}/messages?kind=reservation`);
        expect(page.status).toBe(200);
        const items = (page.json as { items: Record<string, unknown>[] }).items;
        return items.some((item) => JSON.stringify(item).includes('"confirmed"'))
          ? items
          : undefined;
      },
      60_000,
      'Reservation Confirmed in the conversation timeline',
    );
    expect(JSON.stringify(confirmed)).toContain('Chicago');

    // The car is offered for the stay just booked: city and dates filled, asked as a yes/no.
    const car = await say('rent a car');
    expect(car.sessionState?.intent?.name).toBe('BookCar');
    expect(car.sessionState?.dialogAction?.type).toBe('ConfirmIntent');
    expect(slot(car, 'PickUpCity')).toBe('Chicago');
    expect(slot(car, 'PickUpDate')).toBe(checkIn);
    expect(slot(car, 'ReturnDate')).toBe(checkOut);
    expect(text(car)).toContain(`3-night stay in Chicago`);
  });

  const speak = (credentials: Guest['credentials'] | undefined) =>
    new PollyClient(cloud.config(credentials)).send(
      new SynthesizeSpeechCommand({
        Text: 'Your reservation is confirmed.',
        VoiceId: 'Joanna',
        OutputFormat: 'mp3',
      }),
    );
  const expectPlayable = async (speech: Awaited<ReturnType<typeof speak>>) => {
    expect(speech.ContentType).toBe('audio/mpeg');
    const audio = await speech.AudioStream?.transformToByteArray();
    const figures = decodedFigures(audio ?? new Uint8Array(), 'mp3');
    expect(figures.seconds).toBeGreaterThan(0.5);
    expect(figures.rms).toBeGreaterThan(100);
  };

  it('hears a reply spoken by Polly through the same endpoint', async () => {
    await expectPlayable(await speak(undefined));
  });

  it('gets speech with guest credentials: the guest role may call SynthesizeSpeech', async () => {
    await expectPlayable(await speak(guest.credentials));
  });
});

import { ReservationRequested } from '@booktrip/events';
import { BookTripApp } from '@booktrip/constructs';
import { eventBridgeEvent, lambdaContext } from '@booktrip/test-kit';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BookingStack } from '../src/booking-stack';

jest.setTimeout(120_000);

let outdir: string;
beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'booking-bundle-'));
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the validate-request function bundle', () => {
  it('bundles into one CommonJS file that answers a Reservation Requested', async () => {
    // The one test that really bundles (esbuild, no Docker), as `cdk synth` does.
    const app = new BookTripApp({ context: { stage: 'test' }, outdir });
    new BookingStack(app, 'Booking', { service: 'booking', stage: 'test' });
    app.synth();
    const bundles = readdirSync(outdir)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => join(outdir, name, 'index.js'))
      .filter((file) => existsSync(file));
    expect(bundles).toHaveLength(1);
    const { handler } = (await import(bundles[0] ?? '')) as {
      handler: (event: unknown, context: unknown) => Promise<unknown>;
    };

    const result = await handler(
      eventBridgeEvent(
        ReservationRequested,
        {
          reservationId: '3c2b1a09-8f7e-4d6c-b5a4-938271605f4e',
          reservation: {
            kind: 'hotel',
            location: 'Boston',
            checkInDate: '2026-12-20',
            nights: 2,
            roomType: 'queen',
          },
          price: { amountCents: 39_800, currency: 'USD' },
        },
        { correlationId: 'corr-bundle', conversationId: 'conv-bundle' },
      ),
      lambdaContext(),
    );

    expect(result).toMatchObject({ valid: true, metadata: { conversationId: 'conv-bundle' } });
  });
});

import { backoff } from '../src';

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('backoff', () => {
  it('waits a random share of the base delay doubled per attempt', async () => {
    jest.useFakeTimers();
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    let done = false;
    const waiting = backoff(3, 10).then(() => (done = true));
    // Third attempt: 0.5 * 10 ms * 2^2 = 20 ms.
    await jest.advanceTimersByTimeAsync(19);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });
});

import { localExecutionContext } from '../src';

describe('localExecutionContext', () => {
  it('gives one EnteredTime to every read within a state, and a new one to the next state', async () => {
    const context = localExecutionContext();

    const reads = Array.from({ length: 1000 }, () => context.State.EnteredTime);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const nextState = context.State.EnteredTime;

    expect(new Set(reads).size).toBe(1);
    expect(nextState > reads[0]!).toBe(true);
  });
});

import { platformApp } from './synth-platform';

describe('the platform app', () => {
  it('synthesizes with no unacknowledged cdk-nag AwsSolutions finding', () => {
    const { app } = platformApp('dev');

    expect(() => app.synth()).not.toThrow();
  });

  it('synthesizes the same template twice, so Nx can cache synth', () => {
    const first = platformApp('dev').app.synth().getStackByName('booktrip-dev-platform').template;
    const second = platformApp('dev').app.synth().getStackByName('booktrip-dev-platform').template;

    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});

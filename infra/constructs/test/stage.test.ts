import { App } from 'aws-cdk-lib';
import { BookTripApp, DEFAULT_STAGE, isProduction, stageOf } from '../src';

const appWithStage = (stage: unknown) => new App({ context: stage === undefined ? {} : { stage } });

describe('stageOf', () => {
  it('defaults to dev', () => {
    expect(stageOf(appWithStage(undefined))).toBe(DEFAULT_STAGE);
  });

  it.each(['dev', 'prod', 'local', 'test', 'pr-42', 'a1'])('accepts %j', (stage) => {
    expect(stageOf(appWithStage(stage))).toBe(stage);
  });

  it.each(['Dev', 'd', '1dev', 'dev-', 'dev_1', 'dev.1', 'a'.repeat(17), '', 42, true])(
    'rejects %j, which would make invalid or ambiguous resource names',
    (stage) => {
      expect(() => stageOf(appWithStage(stage))).toThrow(/Invalid stage/);
    },
  );

  it('is validated as soon as the BookTrip app is created', () => {
    expect(() => new BookTripApp({ context: { stage: 'Prod' } })).toThrow(/Invalid stage "Prod"/);
  });
});

describe('isProduction', () => {
  it('is true for prod only', () => {
    expect(isProduction('prod')).toBe(true);
    expect(isProduction('production')).toBe(false);
    expect(isProduction('dev')).toBe(false);
  });
});

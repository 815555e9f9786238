import { EnvironmentError, environmentOnce, readEnvironment } from '../src/definition';

const spec = {
  table: { name: 'TABLE_NAME' },
  secret: { name: 'SECRET_ARN', optional: true, pattern: /^arn:/ },
} as const;

describe('readEnvironment', () => {
  it('returns each variable under the name the code uses', () => {
    expect(readEnvironment(spec, { TABLE_NAME: 'History', SECRET_ARN: 'arn:aws:x' })).toEqual({
      table: 'History',
      secret: 'arn:aws:x',
    });
    expect(readEnvironment(spec, { TABLE_NAME: 'History' })).toEqual({ table: 'History' });
  });

  it('names a missing or empty required variable', () => {
    expect(() => readEnvironment(spec, {})).toThrow(
      new EnvironmentError('Environment variable TABLE_NAME is not set'),
    );
    expect(() => readEnvironment(spec, { TABLE_NAME: '' })).toThrow(/TABLE_NAME is not set/);
  });

  it('names a malformed variable, even an optional one', () => {
    expect(() => readEnvironment(spec, { TABLE_NAME: 'History', SECRET_ARN: 'oops' })).toThrow(
      'Environment variable SECRET_ARN is malformed: it must match /^arn:/',
    );
  });

  it('reads the process environment once per container', () => {
    process.env.TABLE_NAME = 'First';
    const read = environmentOnce(spec);
    expect(read().table).toBe('First');
    process.env.TABLE_NAME = 'Second';
    expect(read().table).toBe('First');
    delete process.env.TABLE_NAME;
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handWrittenFacts, ruleTargetsWithoutDelivery, undeclaredNames } from '../src';

function scan(source: string) {
  const dir = mkdtempSync(join(tmpdir(), 'facts-'));
  try {
    writeFileSync(join(dir, 'stack.ts'), source);
    return handWrittenFacts([dir], { names: ['TABLE_NAME'], prefixes: ['uploads/'] }).map(
      (fact) => `${fact.where.split(':').pop()}:${fact.literal}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('handWrittenFacts', () => {
  it('finds a name in strings and template text, with its line, and a prefix inside a literal', () => {
    expect(
      scan(
        [
          "const a = { env: 'TABLE_NAME' };",
          'const b = `${a}/uploads/${a}`;',
          'const c = `x${ { y: 1 }.y }TABLE_NAME`;',
          'const d = "TABLE_NAME";',
        ].join('\n'),
      ),
    ).toEqual(['1:TABLE_NAME', '2:/uploads/', '3:TABLE_NAME', '4:TABLE_NAME']);
  });

  it('ignores comments, regular expressions, other names and code that only looks alike', () => {
    expect(
      scan(
        [
          '// TABLE_NAME and uploads/ in a comment',
          '/* "TABLE_NAME" */ const re = /uploads\\//;',
          "const TABLE_NAME = 'TABLE_NAMES';",
          'const half = 1 / 2; const other = `uploads`;',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});

describe('ruleTargetsWithoutDelivery', () => {
  const rule = (target: Record<string, unknown>) => ({
    Resources: {
      R: { Type: 'AWS::Events::Rule', Properties: { Targets: [{ Id: 'T', ...target }] } },
    },
  });

  it('accepts a target with a DLQ and a retry policy, and names one without either', () => {
    const delivery = {
      DeadLetterConfig: { Arn: 'arn:dlq' },
      RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
    };

    expect(ruleTargetsWithoutDelivery(rule(delivery))).toEqual([]);
    expect(ruleTargetsWithoutDelivery(rule({ RetryPolicy: delivery.RetryPolicy }))).toEqual([
      'R/T',
    ]);
    expect(
      ruleTargetsWithoutDelivery(rule({ DeadLetterConfig: delivery.DeadLetterConfig })),
    ).toEqual(['R/T']);
  });
});

describe('undeclaredNames', () => {
  it('names environment variables and BookTrip metrics no definition declares', () => {
    const template = {
      Resources: {
        F: {
          Type: 'AWS::Lambda::Function',
          Properties: { Environment: { Variables: { TABLE_NAME: 't', TABEL_NAME: 't' } } },
        },
        A: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: { Namespace: 'BookTrip', MetricName: 'Lost' },
        },
        B: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: { Namespace: 'AWS/SQS', MetricName: 'Any' },
        },
      },
    };

    expect(
      undeclaredNames(template, { env: ['TABLE_NAME'], metrics: [], namespace: 'BookTrip' }),
    ).toEqual(['F: environment variable TABEL_NAME', 'A: metric Lost']);
  });
});

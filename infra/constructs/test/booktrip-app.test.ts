import { Validations } from 'aws-cdk-lib';
import { PERF_COUNTERS_FILE_ENV } from 'aws-cdk-lib/cx-api';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { BookTripApp, ServiceStack } from '../src';

function appWithQueue() {
  const app = new BookTripApp({ context: { stage: 'test' } });
  const stack = new ServiceStack(app, 'Stack', { service: 'booking', stage: 'test' });
  const queue = new Queue(stack, 'Queue', { enforceSSL: true });
  return { app, queue };
}

describe('BookTripApp', () => {
  it('fails synthesis on an unacknowledged cdk-nag AwsSolutions finding', () => {
    const { app } = appWithQueue();

    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });

  it('synthesizes once the finding is acknowledged with a reason', () => {
    const { app, queue } = appWithQueue();
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'it is a DLQ' });

    expect(() => app.synth()).not.toThrow();
  });

  it('never writes synth timings into the cloud assembly, even when a synth is slow', () => {
    const countersFile = join(mkdtempSync(join(tmpdir(), 'perf-')), 'performance-counters.json');
    process.env[PERF_COUNTERS_FILE_ENV] = countersFile;
    try {
      // A threshold of 0 ms makes every synth "slow", the case where the CLI asks for the file.
      const app = new BookTripApp({
        context: { stage: 'test', '@aws-cdk/core.slowSynthThreshold': 0 },
      });
      const stack = new ServiceStack(app, 'Stack', { service: 'booking', stage: 'test' });
      new StringParameter(stack, 'Parameter', { stringValue: 'x' });
      app.synth();
    } finally {
      delete process.env[PERF_COUNTERS_FILE_ENV];
    }

    expect(existsSync(countersFile)).toBe(false);
  });

  it('fails synthesis on a template that breaks the CloudFormation resource schema', () => {
    const app = new BookTripApp({ context: { stage: 'test' } });
    // A stack with no resources is not a valid template (CloudFormation rule F0001).
    new ServiceStack(app, 'Empty', { service: 'booking', stage: 'test' });

    expect(() => app.synth()).toThrow(/Resources section must exist/);
  });

  it('takes its stage from the context', () => {
    expect(new BookTripApp({ context: { stage: 'local' } }).stage).toBe('local');
  });
});

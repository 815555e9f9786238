/** Environment the Lambda runtime and our ServiceFunction construct set; Powertools reads it. */
export const LAMBDA_ENV = {
  POWERTOOLS_SERVICE_NAME: 'lambda-kit-test',
  POWERTOOLS_METRICS_NAMESPACE: 'BookTripTest',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  // As the Lambda runtime sets it; without it Powertools never reports a cold start.
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
};

/** A JSON line Powertools wrote: a log record, or an EMF metrics blob (with `_aws`). */
export type Line = Record<string, unknown>;

export interface EmfLine extends Line {
  _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
}

/**
 * Records what Powertools writes (one JSON object per line) instead of printing it. Logger and
 * Metrics write through their own `Console` on `process.stdout`, errors on `process.stderr`;
 * in Lambda both land in the function's log group.
 */
export function captureOutput() {
  const chunks: string[] = [];
  const record = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(record),
    jest.spyOn(process.stderr, 'write').mockImplementation(record),
  ];
  const lines = (): Line[] =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as Line);
  return {
    lines,
    logs: () => lines().filter((line) => !('_aws' in line)),
    metrics: () => lines().filter((line): line is EmfLine => '_aws' in line),
    /** Names of the metrics in every EMF blob, one array per blob. */
    metricNames: () =>
      lines()
        .filter((line): line is EmfLine => '_aws' in line)
        .map((line) => line._aws.CloudWatchMetrics.flatMap((m) => m.Metrics.map((x) => x.Name))),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

/** CloudWatch namespace of every BookTrip custom metric (Powertools Metrics). */
export const METRICS_NAMESPACE = 'BookTrip';

/**
 * An alarm on a count of bad things (errors, lost events): it fires on the first one in five
 * minutes. Missing data means nothing happened, since these metrics are only emitted on failure.
 */
export function countAlarm(
  scope: Construct,
  id: string,
  props: { metric: IMetric; description: string },
): Alarm {
  return new Alarm(scope, id, {
    alarmDescription: props.description,
    metric: props.metric,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

/** A BookTrip custom metric (Powertools Metrics, dimension `service`), summed over 5 minutes. */
export function serviceMetric(service: string, metricName: string): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service },
    statistic: 'Sum',
    period: Duration.minutes(5),
  });
}

/** An alarm a service definition declares on one of its custom metrics. */
export interface MetricAlarmDefinition {
  readonly metric: string;
  /** What went wrong when it fires, for whoever is paged. */
  readonly description: string;
}

/** One `countAlarm` per declared alarm, on the service's metric, keyed by metric name. */
export function serviceAlarms(
  scope: Construct,
  service: string,
  alarms: readonly MetricAlarmDefinition[],
): Record<string, Alarm> {
  return Object.fromEntries(
    alarms.map(({ metric, description }) => [
      metric,
      countAlarm(scope, `${metric}Alarm`, {
        description: `${service}: ${description} (${metric} metric)`,
        metric: serviceMetric(service, metric),
      }),
    ]),
  );
}

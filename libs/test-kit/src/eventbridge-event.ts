import type { EventContract, MetadataInput } from '@booktrip/events';
import type { EventBridgeEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';

export interface EventBridgeEventOverrides {
  id?: string;
  time?: string;
  account?: string;
  region?: string;
}

/**
 * An EventBridge event as a rule target receives it, carrying a contract's detail built (and
 * validated) by the contract itself, so tests cannot drift from the producer.
 */
export function eventBridgeEvent<C extends Pick<EventContract, 'build'> & { data: z.ZodType }>(
  contract: C,
  data: z.input<C['data']>,
  metadata: Partial<MetadataInput> = {},
  overrides: EventBridgeEventOverrides = {},
): EventBridgeEvent<string, ReturnType<C['build']>['detail']> {
  const built = contract.build(data as never, {
    correlationId: metadata.correlationId ?? randomUUID(),
    ...metadata,
  });
  return rawEventBridgeEvent(built.source, built.detailType, built.detail, overrides);
}

/** An EventBridge event with any detail, e.g. an invalid one or an AWS service event. */
export function rawEventBridgeEvent<TDetail>(
  source: string,
  detailType: string,
  detail: TDetail,
  overrides: EventBridgeEventOverrides = {},
): EventBridgeEvent<string, TDetail> {
  return {
    version: '0',
    id: overrides.id ?? randomUUID(),
    'detail-type': detailType,
    source,
    account: overrides.account ?? '123456789012',
    time: overrides.time ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: overrides.region ?? 'us-east-1',
    resources: [],
    detail,
  };
}

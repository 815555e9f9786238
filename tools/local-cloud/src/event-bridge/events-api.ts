import type { PutEventsRequestEntry, PutEventsResponse } from '@aws-sdk/client-eventbridge';
import type { Authorize, EdgeRequest, EdgeResponse } from '../edge/contracts';
import { jsonError } from '../edge/contracts';
import { compileEventPattern, matchesEventPattern } from './match-event-pattern';

export interface EventsApiDeps {
  authorize: Authorize;
  busArn: (nameOrArn: string) => string | undefined;
  putEvents: (entries: PutEventsRequestEntry[]) => Promise<PutEventsResponse>;
  listEventBuses: () => { name: string; arn: string }[];
  listRules: () => { name: string; arn: string; eventBusName: string }[];
}

/**
 * EventBridge's JSON API (`X-Amz-Target: AWSEvents.<Operation>`, JSON 1.1): PutEvents,
 * TestEventPattern (the local matcher, handy for checking a pattern), ListEventBuses and
 * ListRules. Rules come from the templates, so PutRule and friends are not offered.
 */
export async function handleEventsRequest(
  request: EdgeRequest,
  deps: EventsApiDeps,
): Promise<EdgeResponse> {
  const target = request.headers['x-amz-target'];
  const operation =
    typeof target === 'string' && target.startsWith('AWSEvents.') ? target.slice(10) : '';
  let body: Record<string, unknown>;
  try {
    body = request.body.length
      ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>)
      : {};
  } catch {
    return jsonError(400, 'ValidationException', 'The request body is not valid JSON');
  }
  switch (operation) {
    case 'PutEvents':
      return putEvents(request, body, deps);
    case 'TestEventPattern': {
      let event: unknown;
      try {
        event = JSON.parse(String(body.Event));
        compileEventPattern(body.EventPattern);
      } catch (error) {
        return jsonError(
          400,
          'InvalidEventPatternException',
          `Event pattern is not valid. Reason: ${(error as Error).message}`,
        );
      }
      return ok({ Result: matchesEventPattern(body.EventPattern, event) });
    }
    case 'ListEventBuses':
      return ok({
        EventBuses: deps
          .listEventBuses()
          .filter((bus) => !body.NamePrefix || bus.name.startsWith(String(body.NamePrefix)))
          .map((bus) => ({ Name: bus.name, Arn: bus.arn })),
      });
    case 'ListRules': {
      const bus = String(body.EventBusName ?? 'default');
      return ok({
        Rules: deps
          .listRules()
          .filter((rule) => rule.eventBusName === bus)
          .filter((rule) => !body.NamePrefix || rule.name.startsWith(String(body.NamePrefix)))
          .map((rule) => ({
            Name: rule.name,
            Arn: rule.arn,
            EventBusName: rule.eventBusName,
            State: 'ENABLED',
          })),
      });
    }
    default:
      return jsonError(
        400,
        'UnknownOperationException',
        `The local EventBridge does not support ${operation || String(target ?? 'this request')}`,
      );
  }
}

async function putEvents(
  request: EdgeRequest,
  body: Record<string, unknown>,
  deps: EventsApiDeps,
): Promise<EdgeResponse> {
  const entries = body.Entries;
  if (!Array.isArray(entries) || entries.length === 0) {
    return jsonError(
      400,
      'ValidationException',
      "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
    );
  }
  if (entries.length > 10) {
    return jsonError(
      400,
      'ValidationException',
      `1 validation error detected: Value '[...]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10`,
    );
  }
  const malformed = (entries as unknown[]).findIndex(
    (entry) =>
      typeof entry !== 'object' ||
      entry === null ||
      ((entry as { Resources?: unknown }).Resources !== undefined &&
        !(
          Array.isArray((entry as { Resources?: unknown }).Resources) &&
          (entry as { Resources: unknown[] }).Resources.every((r) => typeof r === 'string')
        )),
  );
  if (malformed >= 0) {
    return jsonError(
      400,
      'ValidationException',
      `1 validation error detected: entry ${malformed} must be an object whose Resources is a list of strings`,
    );
  }
  // JSON 1.1 sends timestamps as epoch seconds.
  const parsed = (entries as Record<string, unknown>[]).map((entry): PutEventsRequestEntry => ({
    ...(entry as PutEventsRequestEntry),
    Time:
      typeof entry.Time === 'number'
        ? new Date(entry.Time * 1000)
        : entry.Time === undefined
          ? undefined
          : new Date(String(entry.Time)),
  }));
  const total = parsed.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_REQUEST_BYTES) {
    return jsonError(
      400,
      'ValidationException',
      `Total size of the entries in the request is over the limit (${total} > ${MAX_REQUEST_BYTES} bytes).`,
    );
  }
  if (request.caller.kind === 'guest') {
    for (const entry of parsed) {
      const arn = deps.busArn(entry.EventBusName ?? 'default') ?? String(entry.EventBusName);
      const allowed = await deps.authorize(request.caller, 'events:PutEvents', arn, {
        'events:source': entry.Source ?? '',
        'events:detail-type': entry.DetailType ?? '',
      });
      if (!allowed) {
        return jsonError(
          403,
          'AccessDeniedException',
          `User: ${request.caller.arn} is not authorized to perform: events:PutEvents on resource: ${arn}`,
        );
      }
    }
  }
  return ok(await deps.putEvents(parsed));
}

function ok(result: unknown): EdgeResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(result),
  };
}

const MAX_REQUEST_BYTES = 256 * 1024;

/** The size PutEvents counts for an entry, for its 256 KB limit per request. */
function entrySize(entry: PutEventsRequestEntry): number {
  let size = entry.Time !== undefined ? 14 : 0;
  size += Buffer.byteLength(entry.Source ?? '', 'utf8');
  size += Buffer.byteLength(entry.DetailType ?? '', 'utf8');
  size += Buffer.byteLength(entry.Detail ?? '', 'utf8');
  for (const resource of entry.Resources ?? []) size += Buffer.byteLength(resource, 'utf8');
  return size;
}

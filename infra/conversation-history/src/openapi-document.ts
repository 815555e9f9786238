import type { RouteParameter } from '@booktrip/conversation-history/definition';

type Json = Record<string, unknown>;

/** API Gateway method request parameters (`method.request.querystring.limit`: required?). */
export function requestParameters(parameters: readonly RouteParameter[]): Record<string, boolean> {
  return Object.fromEntries(
    parameters.map((p) => [
      `method.request.${p.in === 'query' ? 'querystring' : 'path'}.${p.name}`,
      p.required,
    ]),
  );
}

/**
 * An OpenAPI 3.0 schema object as an API Gateway model (JSON Schema draft 4): the keywords
 * are draft 4's except OpenAPI's `nullable`, which draft 4 spells as a type union.
 */
export function toDraft4(schema: Json): Json {
  const { nullable, ...rest } = schema;
  const converted: Json = {};
  for (const [key, value] of Object.entries(rest)) {
    converted[key] =
      key === 'properties' && isObject(value)
        ? Object.fromEntries(
            Object.entries(value).map(([name, child]) => [
              name,
              isObject(child) ? toDraft4(child) : child,
            ]),
          )
        : isObject(value)
          ? toDraft4(value)
          : Array.isArray(value)
            ? value.map((item) => (isObject(item) ? toDraft4(item) : item))
            : value;
  }
  if (nullable === true && typeof converted.type === 'string') {
    converted.type = [converted.type, 'null'];
  }
  return converted;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

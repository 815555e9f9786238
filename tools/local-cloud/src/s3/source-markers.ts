/** One source's `SourceMarkersConfig` entry, as CDK's deployment handler reads it. */
export interface MarkersConfig {
  jsonEscape?: boolean | string;
  markerEncodings?: Record<string, string>;
}

/**
 * Replaces the deploy-time markers CDK's `Source.data` / `Source.jsonData` leave in a file
 * (`<<marker:0xbaba:N>>`) with their resolved values, encoded as CDK's BucketDeployment handler
 * encodes them: LITERAL by default, UNQUOTED_JSON_VALUE when `jsonEscape`, or the marker's own
 * `markerEncodings` entry (JSON_VALUE, YAML_STRING).
 */
export function replaceMarkers(
  content: Buffer,
  markers: Record<string, unknown>,
  config: MarkersConfig = {},
): Buffer {
  const names = Object.keys(markers);
  if (names.length === 0) return content;
  let text = content.toString('latin1');
  for (const name of names) {
    const encoded = Buffer.from(encodeMarkerValue(name, markers[name], config), 'utf8').toString(
      'latin1',
    );
    text = text.split(Buffer.from(name, 'utf8').toString('latin1')).join(encoded);
  }
  return Buffer.from(text, 'latin1');
}

const SAFE_PLAIN_YAML = /^[A-Za-z][A-Za-z0-9._-]*$/;
const YAML_RESERVED = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null']);

function encodeMarkerValue(name: string, value: unknown, config: MarkersConfig): string {
  const jsonEscape = String(config.jsonEscape ?? 'false').toLowerCase() === 'true';
  const encoding =
    config.markerEncodings?.[name] ?? (jsonEscape ? 'UNQUOTED_JSON_VALUE' : 'LITERAL');
  switch (encoding) {
    case 'LITERAL':
      if (typeof value !== 'string')
        throw new Error(`marker ${name}: LITERAL encoding needs a string`);
      return value;
    case 'UNQUOTED_JSON_VALUE': {
      const serialized = JSON.stringify(value);
      return serialized.startsWith('"') && serialized.endsWith('"')
        ? serialized.slice(1, -1)
        : serialized;
    }
    case 'JSON_VALUE':
      return JSON.stringify(value);
    case 'YAML_STRING':
      if (typeof value !== 'string')
        throw new Error(`marker ${name}: YAML_STRING encoding needs a string`);
      return SAFE_PLAIN_YAML.test(value) && !YAML_RESERVED.has(value.toLowerCase())
        ? value
        : JSON.stringify(value);
    default:
      throw new Error(`marker ${name}: unknown marker encoding ${encoding}`);
  }
}

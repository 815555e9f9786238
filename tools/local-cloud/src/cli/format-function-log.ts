import { styleText } from 'node:util';

type Colour = Parameters<typeof styleText>[0];
const PALETTE: Colour[] = [
  'cyan',
  'magenta',
  'yellow',
  'green',
  'blue',
  'cyanBright',
  'magentaBright',
  'greenBright',
];
const LEVEL_COLOURS: Record<string, Colour> = {
  ERROR: 'red',
  CRITICAL: 'red',
  WARN: 'yellow',
  INFO: 'green',
  DEBUG: 'gray',
};
/** Powertools fields every line has; shown once in the prefix or not at all. */
const NOISE = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'xray_trace_id',
  'function_arn',
  'function_memory_size',
  'function_request_id',
  'function_name',
]);

/**
 * One function log line for the console: prefixed with the function's name in a colour of
 * its own; Powertools' JSON lines become `LEVEL message key=value…`, so a person can read them.
 */
export function formatFunctionLog(functionName: string, line: string, colour = true): string {
  // The caller decides whether its stream shows colours; styleText would otherwise look at
  // this process's stdout, whatever stream the line is for.
  const paint = (style: Colour, text: string) =>
    colour ? styleText(style, text, { validateStream: false }) : text;
  const prefix = paint(colourOf(functionName), `[${functionName}]`);
  const structured = parsePowertools(line);
  if (!structured) return `${prefix} ${line}`;
  const level = String(structured.level).toUpperCase();
  const extras = Object.entries(structured)
    .filter(([key]) => !NOISE.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${prefix} ${paint(LEVEL_COLOURS[level] ?? 'white', level.padEnd(5))} ${String(structured.message)}${
    extras ? ` ${paint('gray', extras)}` : ''
  }`;
}

function parsePowertools(line: string): Record<string, unknown> | undefined {
  // Lambda's Node runtime prefixes console output with time, request id and level; Powertools
  // writes its JSON straight to stdout.
  const start = line.indexOf('{');
  if (start < 0 || !line.trimEnd().endsWith('}')) return undefined;
  try {
    const parsed = JSON.parse(line.slice(start)) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'level' in parsed && 'message' in parsed) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Not JSON after all: shown as it is.
  }
  return undefined;
}

function colourOf(name: string): Colour {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? 'cyan';
}

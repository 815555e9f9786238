/**
 * What differs between stages, read at run time from `/config.json` (the stack writes it at
 * deploy time from SSM), so one build runs against AWS and against the local cloud.
 */
export interface AppConfig {
  region: string;
  identityPoolId: string;
  botId: string;
  botAliasId: string;
  localeId: string;
  /** The history REST API's base URL, ending before `/v1`. */
  historyApiUrl: string;
  uploadsBucket: string;
  /** One endpoint for every AWS service: the local cloud's edge. Absent on AWS. */
  endpoint?: string;
  /** Polly voice of the bot's locale. */
  voiceId: string;
  voiceEngine: 'neural' | 'standard';
  /** The bot's idle session timeout: a chat idle longer than this has timed out. */
  idleSessionTtlSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The page's configuration (/config.json) is not usable: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const REQUIRED = [
  'region',
  'identityPoolId',
  'botId',
  'botAliasId',
  'localeId',
  'historyApiUrl',
  'uploadsBucket',
] as const;

const isUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/** Validates the parsed `/config.json`; every problem is named, none silently defaulted. */
export function parseConfig(value: unknown): AppConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(['it is not a JSON object']);
  }
  const raw = value as Record<string, unknown>;
  const problems: string[] = [];
  const text = (key: string): string => {
    const v = raw[key];
    if (typeof v !== 'string' || v.trim() === '') {
      problems.push(`${key} is missing`);
      return '';
    }
    return v.trim();
  };
  const required = Object.fromEntries(REQUIRED.map((key) => [key, text(key)])) as Record<
    (typeof REQUIRED)[number],
    string
  >;
  if (required.historyApiUrl && !isUrl(required.historyApiUrl)) {
    problems.push('historyApiUrl is not an http(s) URL');
  }
  let endpoint: string | undefined;
  if (raw.endpoint !== undefined && raw.endpoint !== '') {
    if (typeof raw.endpoint !== 'string' || !isUrl(raw.endpoint)) {
      problems.push('endpoint is not an http(s) URL');
    } else endpoint = raw.endpoint;
  }
  const voiceEngine = raw.voiceEngine ?? 'neural';
  if (voiceEngine !== 'neural' && voiceEngine !== 'standard') {
    problems.push('voiceEngine must be "neural" or "standard"');
  }
  const ttl = raw.idleSessionTtlSeconds ?? 300;
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl < 60) {
    problems.push('idleSessionTtlSeconds must be a number of seconds ≥ 60');
  }
  const voiceId = typeof raw.voiceId === 'string' && raw.voiceId ? raw.voiceId : 'Danielle';
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...required,
    historyApiUrl: required.historyApiUrl.replace(/\/+$/, ''),
    endpoint,
    voiceId,
    voiceEngine: voiceEngine as AppConfig['voiceEngine'],
    idleSessionTtlSeconds: ttl as number,
  };
}

/** Fetches and validates `/config.json` (never cached: a redeploy may change it). */
export async function loadConfig(fetchImpl: typeof fetch = fetch): Promise<AppConfig> {
  const response = await fetchImpl('/config.json', { cache: 'no-store' });
  if (!response.ok) {
    throw new ConfigError([`/config.json answered HTTP ${response.status}`]);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ConfigError(['it is not valid JSON']);
  }
  return parseConfig(body);
}

import { originOf } from './cors';

/**
 * How long a container keeps the page's origin: a new CloudFront domain (or a corrected
 * parameter) reaches every container within five minutes, at one SSM call per container.
 */
export const ALLOWED_ORIGIN_MAX_AGE_SECONDS = 300;

export interface AllowedOriginSource {
  /** The SSM parameter's name (from the environment); undefined when the variable is unset. */
  parameterName: () => string | undefined;
  /** Reads the parameter, cached for `maxAge` seconds (Powertools Parameters' SSMProvider). */
  read: (name: string, options: { maxAge: number }) => Promise<unknown>;
  log: { error: (message: string, extra?: Record<string, unknown>) => void };
}

/** Reads the chat page's origin: undefined (and one error log line) when it cannot. */
export type ReadAllowedOrigin = () => Promise<string | undefined>;

/**
 * The history API's CORS origin, read at run time from the chat-web stack's SSM parameter (read
 * at deploy time it would make a cycle: the page's config.json needs this API's URL). A missing
 * or unreadable parameter, or one that holds no http(s) origin, is logged and answered without
 * CORS headers: the browser then refuses the page the response, and nothing crashes. A failed
 * read is not cached, so the next request tries again.
 */
export function allowedOriginReader(source: AllowedOriginSource): ReadAllowedOrigin {
  return async () => {
    const name = source.parameterName();
    const without = 'answering without CORS headers';
    if (!name) {
      source.log.error(`No CORS origin: the function names no SSM parameter; ${without}`);
      return undefined;
    }
    let value: unknown;
    try {
      value = await source.read(name, { maxAge: ALLOWED_ORIGIN_MAX_AGE_SECONDS });
    } catch (error) {
      source.log.error(`No CORS origin: SSM parameter ${name} could not be read; ${without}`, {
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      return undefined;
    }
    const origin = typeof value === 'string' ? originOf(value) : undefined;
    if (!origin) {
      source.log.error(
        `No CORS origin: SSM parameter ${name} holds no http(s) origin (${JSON.stringify(value)?.slice(0, 100)}); ${without}`,
      );
    }
    return origin;
  };
}

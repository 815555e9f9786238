import { LexError } from './lex-error';
import { isTimeZone } from './slot-types';

/** The predefined request attribute that names the zone relative dates are read in. */
export const TIME_ZONE_ATTRIBUTE = 'x-amz-lex:time-zone';

/**
 * The time zone a request asks for, after checking its `x-amz-lex:` attributes: that prefix is
 * reserved for Lex's predefined attributes, so one the runtime does not understand is refused
 * rather than silently ignored, and a zone it cannot read is refused rather than read as UTC.
 */
export function requestTimeZone(attributes: Record<string, string>): string | undefined {
  const unknown = Object.keys(attributes).find(
    (name) => name.startsWith('x-amz-lex:') && name !== TIME_ZONE_ATTRIBUTE,
  );
  if (unknown) {
    throw new LexError(
      'ValidationException',
      `Request attribute ${unknown} uses the reserved prefix x-amz-lex: (the local runtime understands ${TIME_ZONE_ATTRIBUTE})`,
    );
  }
  const timeZone = attributes[TIME_ZONE_ATTRIBUTE];
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    throw new LexError(
      'ValidationException',
      `Request attribute ${TIME_ZONE_ATTRIBUTE} must be an IANA time zone name such as America/Los_Angeles, not "${timeZone}"`,
    );
  }
  return timeZone;
}

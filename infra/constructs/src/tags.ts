/**
 * Tag keys every BookTrip resource carries. `SERVICE_TAG_KEY` is also an authorization
 * attribute: IAM roles carry it as a principal tag, and the platform's bus policy lets a role
 * publish source `booktrip.<service>` only when its tag says `<service>`.
 */
export const SERVICE_TAG_KEY = 'booktrip:service';
export const STAGE_TAG_KEY = 'booktrip:stage';

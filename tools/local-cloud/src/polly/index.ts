/*
 * The local Polly: `createPollyService({ region, accountId, authorize, log?, programs? })` →
 * `{ service, synthesizeSpeech, stop }`. `service` answers SynthesizeSpeech (signing name
 * `polly`); guests are asked about `polly:SynthesizeSpeech` on `*` (Polly has no resource-level
 * permissions). `synthesizeSpeech` is what the Lex runtime's `synthesize` dep takes. Needs the
 * Debian packages espeak-ng, lame and vorbis-tools.
 */
export { createPollyService } from './polly-service';
export type { PollyService, PollyServiceDeps } from './polly-service';
export { synthesizeSpeech, SAMPLE_RATES } from './synthesize-speech';
export type { OutputFormat, Program, Programs, SpeechRequest } from './synthesize-speech';
export { localVoice, POLLY_VOICE_IDS } from './voices';
export { PollyError } from './polly-error';

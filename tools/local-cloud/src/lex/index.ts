/*
 * The offline Lex V2 runtime.
 *
 * `createLexRuntime(deps)` (async: it trains every bot locale's classifier first) →
 * `{ service, bots, trainingMs, stop }`. `service` answers the Lex V2 runtime API (signing
 * name `lex`) for every `AWS::Lex::Bot` / `AWS::Lex::BotAlias` among `deps.resources`.
 * deps:
 * - `resources`: the loaded stacks' resources (intrinsics resolved);
 * - `region`, `accountId`: for alias ARNs (what `authorize` is asked about);
 * - `authorize`: asked for guest callers, `lex:<Operation>` on the alias ARN;
 * - `lambda`: runs the code hook named by the alias' locale settings;
 * - `synthesize?`: text → audio for `Response-Content-Type: audio/*` (wire the Polly module's
 *   `synthesizeSpeech`);
 * - `now?`: the clock (idle TTL, relative dates); `log?`; `codeHookTimeoutMs?` (30 000).
 * `startChatRepl(options)` chats with a bot from a terminal through the SDK.
 */
export { createLexRuntime } from './lex-runtime';
export type { LexRuntime, LexRuntimeDeps, Synthesize } from './lex-runtime';
export { readBots, TEST_ALIAS_ID } from './bot-definition';
export type { AliasDefinition, BotDefinition, LocaleDefinition } from './bot-definition';
export { LexError } from './lex-error';
export { startChatRepl } from './chat-repl';
export type { ChatReplOptions } from './chat-repl';

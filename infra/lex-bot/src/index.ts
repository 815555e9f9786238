export { CODE_HOOK_INTERFACE_VERSION, LexBotStack, LIVE_ALIAS_NAME } from './lex-bot-stack';
export type { LexBotStackProps } from './lex-bot-stack';
export { toCfnBotLocales } from './to-cfn-bot-locales';

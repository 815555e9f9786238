export { ConversationHistoryStack, consumedEvents } from './conversation-history-stack';
export type { ConversationHistoryStackProps } from './conversation-history-stack';

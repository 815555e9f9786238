export { handler, createLexHandler } from './handler';
export { handleTurn } from './handle-turn';
export type { TurnEffects } from './handle-turn';

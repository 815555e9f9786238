import type { IConstruct } from 'constructs';

/**
 * Stage names become part of stack names, bus names, SSM paths and ARN patterns: 2–16
 * characters, a lower-case letter first, no trailing dash (`booktrip-dev-` would blur into the
 * next segment of a name).
 */
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,14}[a-z0-9]$/;

export const DEFAULT_STAGE = 'dev';
/** The stage the local cloud synthesizes and runs. */
export const LOCAL_STAGE = 'local';

/** The stage from `-c stage=…` (default `dev`), validated. */
export function stageOf(scope: IConstruct): string {
  const value: unknown = scope.node.tryGetContext('stage') ?? DEFAULT_STAGE;
  if (typeof value !== 'string' || !STAGE_PATTERN.test(value)) {
    throw new Error(
      `Invalid stage ${JSON.stringify(value)}: use 2–16 lower-case letters, digits or dashes, starting with a letter, not ending with a dash`,
    );
  }
  return value;
}

/** Production keeps its data when a stack is deleted; other stages clean up after themselves. */
export function isProduction(stage: string): boolean {
  return stage === 'prod';
}

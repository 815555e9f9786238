/** The parts of an Amazon States Language (JSONPath) definition a diagram shows. */
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
}

export interface AslState {
  Type: string;
  Comment?: string;
  Resource?: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: (AslChoiceRule & { Next: string })[];
  Retry?: {
    ErrorEquals: string[];
    MaxAttempts?: number;
    BackoffRate?: number;
    JitterStrategy?: string;
  }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Branches?: AslDefinition[];
  ItemProcessor?: AslDefinition;
  Iterator?: AslDefinition;
}

export interface AslChoiceRule {
  Variable?: string;
  And?: AslChoiceRule[];
  Or?: AslChoiceRule[];
  Not?: AslChoiceRule;
  [operator: string]: unknown;
}

const OPERATORS: Record<string, string> = {
  Equals: '==',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '<=',
  GreaterThanEquals: '>=',
  Matches: 'matches',
};
const TYPE_TESTS: Record<string, string> = {
  IsNull: 'null',
  IsPresent: 'present',
  IsNumeric: 'numeric',
  IsString: 'a string',
  IsBoolean: 'a boolean',
  IsTimestamp: 'a timestamp',
};

/**
 * A Mermaid state diagram of an ASL definition: one node per state (with what it does), its
 * transitions (Next, Choice rules, Default, Catch), its Retry policies as notes, and the end
 * states. Pure and deterministic (definition order), so a README can be checked against it.
 */
export function aslToMermaid(definition: AslDefinition): string {
  const lines = ['stateDiagram-v2', ...machineLines(definition, '  ')];
  const failStates = allStates(definition).filter(([, state]) => state.Type === 'Fail');
  if (failStates.length > 0) {
    lines.push('  classDef failure fill:#fde2e1,stroke:#b42318');
    for (const [name] of failStates) lines.push(`  class ${idOf(name)} failure`);
  }
  return lines.join('\n');
}

function machineLines(machine: AslDefinition, indent: string): string[] {
  const lines: string[] = [];
  for (const [name, state] of Object.entries(machine.States)) {
    const id = idOf(name);
    if (id !== name) lines.push(`${indent}state "${label(name)}" as ${id}`);
    if (state.Type === 'Parallel' || state.Type === 'Map') {
      lines.push(`${indent}state ${id} {`, ...compositeLines(state, `${indent}  `), `${indent}}`);
    }
    lines.push(`${indent}${id} : ${describe(state)}`);
  }
  lines.push(`${indent}[*] --> ${idOf(machine.StartAt)}`);
  for (const [name, state] of Object.entries(machine.States)) {
    lines.push(...transitionLines(name, state).map((line) => `${indent}${line}`));
  }
  for (const [name, state] of Object.entries(machine.States)) {
    if (!state.Retry?.length) continue;
    lines.push(`${indent}note right of ${idOf(name)}`);
    for (const retry of state.Retry) lines.push(`${indent}  ${describeRetry(retry)}`);
    lines.push(`${indent}end note`);
  }
  return lines;
}

function compositeLines(state: AslState, indent: string): string[] {
  if (state.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    if (!processor) throw new Error('A Map state without ItemProcessor or Iterator');
    return machineLines(processor, indent);
  }
  const branches = (state.Branches ?? []).map((branch) => machineLines(branch, indent));
  return branches.flatMap((branch, i) => (i === 0 ? branch : [`${indent}--`, ...branch]));
}

function transitionLines(name: string, state: AslState): string[] {
  const from = idOf(name);
  const lines: string[] = [];
  for (const rule of state.Choices ?? []) {
    lines.push(`${from} --> ${idOf(rule.Next)} : ${label(describeRule(rule))}`);
  }
  if (state.Default) lines.push(`${from} --> ${idOf(state.Default)} : otherwise`);
  if (state.Next) lines.push(`${from} --> ${idOf(state.Next)}`);
  for (const catcher of state.Catch ?? []) {
    lines.push(
      `${from} --> ${idOf(catcher.Next)} : ${label(`catch ${catcher.ErrorEquals.join(', ')}`)}`,
    );
  }
  if (state.End || state.Type === 'Succeed' || state.Type === 'Fail') lines.push(`${from} --> [*]`);
  return lines;
}

/** What a state does, in a few words: the service action of a Task, else its type. */
function describe(state: AslState): string {
  if (state.Type !== 'Task' || !state.Resource) return state.Type;
  const integration = /:states:::(.+)$/.exec(state.Resource)?.[1];
  if (integration) return `Task ${integration}`;
  return /:lambda:/.test(state.Resource) ? 'Task lambda' : 'Task';
}

function describeRetry(retry: NonNullable<AslState['Retry']>[number]): string {
  const details = [
    `×${retry.MaxAttempts ?? 3}`,
    `backoff ${retry.BackoffRate ?? 2}`,
    ...(retry.JitterStrategy === 'FULL' ? ['full jitter'] : []),
  ];
  return label(`retry ${retry.ErrorEquals.join(', ')} (${details.join(', ')})`);
}

function describeRule(rule: AslChoiceRule): string {
  if (rule.And) return rule.And.map((inner) => `(${describeRule(inner)})`).join(' and ');
  if (rule.Or) return rule.Or.map((inner) => `(${describeRule(inner)})`).join(' or ');
  if (rule.Not) return `not (${describeRule(rule.Not)})`;
  const variable = rule.Variable ?? '?';
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next') continue;
    const test = TYPE_TESTS[key];
    if (test) return `${variable} is ${value === true ? '' : 'not '}${test}`;
    const match =
      /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?$/.exec(
        key,
      );
    if (!match) continue;
    const [, kind, comparison = '', isPath] = match;
    if (kind === 'Boolean' && !isPath) return `${variable} is ${String(value)}`;
    const operand = isPath || kind !== 'String' ? String(value) : `'${String(value)}'`;
    return `${variable} ${OPERATORS[comparison] ?? comparison} ${operand}`;
  }
  throw new Error(`Unsupported Choice rule: ${JSON.stringify(rule)}`);
}

function allStates(machine: AslDefinition): [string, AslState][] {
  return Object.entries(machine.States).flatMap(([name, state]): [string, AslState][] => {
    const nested = [
      ...(state.Branches ?? []),
      ...(state.ItemProcessor ? [state.ItemProcessor] : []),
      ...(state.Iterator ? [state.Iterator] : []),
    ];
    return [[name, state], ...nested.flatMap(allStates)];
  });
}

/** Mermaid ids allow letters, digits and underscores; other characters become `_`. */
function idOf(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Characters that end a Mermaid statement or a label are replaced by look-alikes. */
function label(text: string): string {
  return text.replace(/;/g, ',').replace(/"/g, "'").replace(/\n/g, ' ');
}

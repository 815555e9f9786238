/** What a rule target sends: the event, a constant, a part of it, or a transformed template. */
export interface TargetInputSettings {
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
}

export interface RuleContext {
  ruleArn: string;
  ruleName: string;
}

/**
 * Compiles a target's input settings (validating them as PutTargets would) into a function
 * from the event envelope to the text EventBridge delivers: JSON for Lambda and Step Functions,
 * the message body for SQS.
 */
export function compileTargetInput(
  settings: TargetInputSettings,
  where: string,
): (event: Record<string, unknown>, rule: RuleContext) => string {
  const given = ['Input', 'InputPath', 'InputTransformer'].filter(
    (key) => settings[key as keyof TargetInputSettings] !== undefined,
  );
  if (given.length > 1) {
    throw new Error(`${where}: only one of Input, InputPath and InputTransformer may be set`);
  }
  if (settings.Input !== undefined) {
    const input = settings.Input;
    try {
      JSON.parse(input);
    } catch {
      throw new Error(`${where}: Input must be valid JSON text`);
    }
    return () => input;
  }
  if (settings.InputPath !== undefined) {
    const path = compileJsonPath(settings.InputPath, where);
    return (event) => JSON.stringify(path(event) ?? null);
  }
  if (settings.InputTransformer !== undefined) {
    return compileTransformer(settings.InputTransformer, where);
  }
  return (event) => JSON.stringify(event);
}

function compileTransformer(
  transformer: NonNullable<TargetInputSettings['InputTransformer']>,
  where: string,
): (event: Record<string, unknown>, rule: RuleContext) => string {
  const paths = Object.entries(transformer.InputPathsMap ?? {});
  if (paths.length > 100) throw new Error(`${where}: InputPathsMap holds at most 100 paths`);
  const compiled = new Map<string, (event: unknown) => unknown>();
  for (const [name, path] of paths) {
    if (name.startsWith('aws.')) {
      throw new Error(`${where}: InputPathsMap name ${name} uses the reserved prefix aws.`);
    }
    compiled.set(name, compileJsonPath(path, `${where} InputPathsMap.${name}`));
  }
  const template = transformer.InputTemplate;
  if (typeof template !== 'string') throw new Error(`${where}: InputTemplate is required`);
  return (event, rule) => {
    const values = new Map<string, unknown>();
    for (const [name, path] of compiled) values.set(name, path(event));
    values.set('aws.events.rule-arn', rule.ruleArn);
    values.set('aws.events.rule-name', rule.ruleName);
    values.set('aws.events.event.ingestion-time', event.time);
    values.set('aws.events.event', event);
    values.set('aws.events.event.json', event);
    return substitute(template, values);
  };
}

/**
 * Replaces `<name>` placeholders. Inside a JSON string a value goes in as text (strings
 * unquoted, escaped for JSON); outside one, as JSON. A path missing from the event gives
 * `null` (an empty string inside quotes). Unknown placeholders stay as written, as in
 * EventBridge, so `<b>` in a template of plain text survives.
 */
function substitute(template: string, values: Map<string, unknown>): string {
  let output = '';
  let inString = false;
  for (let index = 0; index < template.length; index += 1) {
    const char = template[index] as string;
    if (char === '\\' && inString) {
      output += char + (template[index + 1] ?? '');
      index += 1;
      continue;
    }
    if (char === '"') {
      inString = !inString;
      output += char;
      continue;
    }
    if (char === '<') {
      const end = template.indexOf('>', index);
      const name = end > index ? template.slice(index + 1, end) : '';
      if (values.has(name)) {
        const value = values.get(name);
        if (inString) {
          const text =
            typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
          output += JSON.stringify(text).slice(1, -1);
        } else {
          output += value === undefined ? 'null' : JSON.stringify(value);
        }
        index = end;
        continue;
      }
    }
    output += char;
  }
  return output;
}

/**
 * The JSONPath EventBridge accepts in InputPath and InputPathsMap: `$`, then `.name` or
 * `['name']` / `[index]` steps.
 */
export function compileJsonPath(path: string, where: string): (value: unknown) => unknown {
  if (typeof path !== 'string' || !path.startsWith('$')) {
    throw new Error(`${where}: ${String(path)} is not a valid JSONPath (it must start with $)`);
  }
  const steps: (string | number)[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let index = 1;
  while (index < path.length) {
    pattern.lastIndex = index;
    const match = pattern.exec(path);
    if (!match) throw new Error(`${where}: ${path} is not a valid JSONPath`);
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push(match[3] ?? match[4] ?? '');
    index = pattern.lastIndex;
  }
  return (value) => {
    let current: unknown = value;
    for (const step of steps) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string | number, unknown>)[step];
    }
    return current;
  };
}

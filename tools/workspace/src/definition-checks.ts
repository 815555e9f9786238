import { catalogue, S3ObjectCreated, UploadKeyLayout } from '@booktrip/events';
import { HANDLER_ERROR_METRIC, type EnvironmentSpec } from '@booktrip/lambda-kit/definition';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { workspaceRoot } from './project-graph';

/** The facts the service definitions and libs/events hold, which nothing else may spell. */
export interface DefinitionFacts {
  /** Environment variable names, metric names, detail types, event sources. */
  names: readonly string[];
  /** Key prefixes (the upload layout's): no literal may contain one. */
  prefixes: readonly string[];
}

/** A string literal somewhere it should have been imported. */
export interface HandWrittenFact {
  /** `path:line` from the workspace root. */
  where: string;
  literal: string;
}

/**
 * Every string literal (and template-literal text) in the TypeScript files under `dirs` that
 * equals a definition's name or contains one of its prefixes. Comments are not code: they are
 * skipped. `except` names the files allowed to hold the facts (the definitions themselves).
 */
export function handWrittenFacts(
  dirs: readonly string[],
  facts: DefinitionFacts,
  except: (path: string) => boolean = () => false,
): HandWrittenFact[] {
  const names = new Set(facts.names);
  const found: HandWrittenFact[] = [];
  for (const file of dirs.flatMap((dir) => typeScriptFiles(resolve(workspaceRoot, dir)))) {
    const path = relative(workspaceRoot, file);
    if (except(path)) continue;
    for (const { text, line } of stringLiterals(readFileSync(file, 'utf8'))) {
      if (names.has(text) || facts.prefixes.some((prefix) => text.includes(prefix))) {
        found.push({ where: `${path}:${line}`, literal: text });
      }
    }
  }
  return found;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return typeScriptFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function stringLiterals(source: string): { text: string; line: number }[] {
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    true,
    ts.LanguageVariant.Standard,
    source,
  );
  const literals: { text: string; line: number }[] = [];
  const push = () =>
    literals.push({
      text: scanner.getTokenValue(),
      line: source.slice(0, scanner.getTokenStart()).split('\n').length,
    });
  // Open braces inside each `${…}` of the templates being scanned: the `}` that closes the
  // substitution (depth 0) continues the template, any other `}` closes an object or block.
  const substitutions: number[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.OpenBraceToken && substitutions.length > 0) {
      substitutions[substitutions.length - 1]! += 1;
    } else if (token === ts.SyntaxKind.CloseBraceToken && substitutions.length > 0) {
      if (substitutions[substitutions.length - 1] === 0) {
        const rest = scanner.reScanTemplateToken(false);
        push();
        if (rest === ts.SyntaxKind.TemplateTail) substitutions.pop();
      } else {
        substitutions[substitutions.length - 1]! -= 1;
      }
    } else if (token === ts.SyntaxKind.TemplateHead) {
      push();
      substitutions.push(0);
    } else if (
      token === ts.SyntaxKind.StringLiteral ||
      token === ts.SyntaxKind.NoSubstitutionTemplateLiteral
    ) {
      push();
    } else if (token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) {
      // A regular expression, not a division, where an expression may start: skip its body.
      scanner.reScanSlashToken();
    }
  }
  return literals;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
interface RuleTarget {
  Id?: string;
  DeadLetterConfig?: { Arn?: unknown };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
}

/** `<rule>/<target>` of every EventBridge rule target without a DLQ or without a retry policy. */
export function ruleTargetsWithoutDelivery(template: { Resources?: Resources }): string[] {
  const missing: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::Events::Rule') continue;
    const targets = (resource.Properties?.Targets ?? []) as RuleTarget[];
    for (const target of targets) {
      const retries = target.RetryPolicy;
      const hasRetryPolicy =
        retries?.MaximumRetryAttempts !== undefined &&
        retries.MaximumEventAgeInSeconds !== undefined;
      if (!target.DeadLetterConfig?.Arn || !hasRetryPolicy) missing.push(`${id}/${target.Id}`);
    }
  }
  return missing;
}

/**
 * Names a template uses that no definition declares: Lambda environment variables (beyond the
 * platform's own) and the BookTrip metrics its alarms watch.
 */
export function undeclaredNames(
  template: { Resources?: Resources },
  declared: { env: readonly string[]; metrics: readonly string[]; namespace: string },
): string[] {
  const env = new Set(declared.env);
  const metrics = new Set(declared.metrics);
  const undeclared: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::Lambda::Function') {
      const variables = (props.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables;
      for (const name of Object.keys(variables ?? {})) {
        if (!env.has(name)) undeclared.push(`${id}: environment variable ${name}`);
      }
    }
    if (resource.Type === 'AWS::CloudWatch::Alarm' && props.Namespace === declared.namespace) {
      const name = props.MetricName as string;
      if (!metrics.has(name)) undeclared.push(`${id}: metric ${name}`);
    }
  }
  return undeclared;
}

/** The environment ServiceFunction sets on every function (Powertools, source maps, CDK). */
export const PLATFORM_ENV = [
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'POWERTOOLS_LOG_LEVEL',
  'NODE_OPTIONS',
  'AWS_NODEJS_CONNECTION_REUSE_ENABLED',
] as const;

/** Facts every service shares: event sources and detail types, lambda-kit's metric, the layout. */
export function sharedFacts(): DefinitionFacts {
  return {
    names: [
      ...Object.values(catalogue).flatMap((contract) => [contract.detailType, contract.source]),
      S3ObjectCreated.detailType,
      S3ObjectCreated.source,
      HANDLER_ERROR_METRIC,
    ],
    prefixes: [UploadKeyLayout.uploadsPrefix, UploadKeyLayout.outputPrefix],
  };
}

/** The variable names of environment specs. */
export function envNames(...specs: EnvironmentSpec[]): string[] {
  return specs.flatMap((spec) => Object.values(spec).map((variable) => variable.name));
}

/** Files that hold facts by design: the definitions; tests may assert them by name. */
export const isDefinitionOrTest = (path: string): boolean =>
  path.endsWith('/src/definition.ts') || /\/(test|cdk\.out)\//.test(path);

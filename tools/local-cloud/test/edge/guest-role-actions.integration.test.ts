import { ssmNames } from '@booktrip/constructs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  loadAssemblies,
  loadLocalResources,
  LOCAL_ACCOUNT,
  LOCAL_AWS_REGION,
  type LocalResource,
} from '../../src';

/*
 * Issue 18: "The guest role gets exactly what the page uses … Each grant comes from the stack
 * that owns the resource, and a test lists the guest role's effective actions." This is that
 * test: every IAM statement attached to the identity pool's unauthenticated role, from every
 * synthesized `local` stack (what the edge enforces), listed as (action, resource) pairs, and
 * compared with what the chat page's code calls. A grant added by mistake, a wildcard, or a
 * page call without its grant (the AccessDenied aws-lex-web-ui users meet) fails it.
 *
 * The assemblies come from `local-cloud:synth-local` (this target's dependency).
 */

const WORKSPACE = join(__dirname, '../../../..');
const STAGE = 'local';
const ssm = ssmNames(STAGE);

/**
 * The IAM action behind each AWS call the page makes, keyed by how the call appears in
 * apps/chat-web/src: SDK v3 commands by class name, the history API by its SigV4 signing name.
 * Cognito's GetId / GetCredentialsForIdentity are unsigned calls that need no grant.
 */
const PAGE_CALLS: Record<string, string> = {
  RecognizeTextCommand: 'lex:RecognizeText',
  SynthesizeSpeechCommand: 'polly:SynthesizeSpeech',
  // A presigned PUT (upload progress) is a PutObject signed with the guest's credentials.
  PutObjectCommand: 's3:PutObject',
  "service: 'execute-api'": 'execute-api:Invoke',
};

/** Actions AWS offers no resource-level permission for: the only ones allowed on "*". */
const NO_RESOURCE_LEVEL = new Set(['polly:SynthesizeSpeech']);

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: unknown;
  Resource?: string | string[];
  NotResource?: unknown;
  Condition?: unknown;
}

interface Grant {
  /** `<stack>/<policy>` that grants it. */
  from: string;
  statement: Statement;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every statement the role's policies hold: inline, attached policies, managed policies. */
function grantsOf(role: LocalResource, resources: readonly LocalResource[]): Grant[] {
  const documents: { from: string; document: unknown }[] = [];
  for (const policy of list(
    role.properties.Policies as { PolicyName: string; PolicyDocument: unknown }[] | undefined,
  )) {
    documents.push({
      from: `${role.stackName}/${policy.PolicyName}`,
      document: policy.PolicyDocument,
    });
  }
  const managed = new Set(list(role.properties.ManagedPolicyArns as string[] | undefined));
  for (const resource of resources) {
    if (resource.type !== 'AWS::IAM::Policy' && resource.type !== 'AWS::IAM::ManagedPolicy') {
      continue;
    }
    const attached =
      list(resource.properties.Roles as string[] | undefined).includes(role.physicalId) ||
      managed.delete(resource.physicalId) ||
      (resource.arn !== undefined && managed.delete(resource.arn));
    if (attached) {
      documents.push({
        from: `${resource.stackName}/${resource.logicalId}`,
        document: resource.properties.PolicyDocument,
      });
    }
  }
  // An AWS-managed policy is in no template: what it grants cannot be listed, so none may be used.
  expect({ role: role.physicalId, managedPoliciesNotInTheTemplates: [...managed] }).toEqual({
    role: role.physicalId,
    managedPoliciesNotInTheTemplates: [],
  });
  return documents.flatMap(({ from, document }) =>
    list((document as { Statement?: Statement | Statement[] }).Statement).map((statement) => ({
      from,
      statement,
    })),
  );
}

/** `action on resource` for every Allow, sorted, one line each. */
function effectiveActions(grants: readonly Grant[]): string[] {
  return grants
    .flatMap(({ statement }) =>
      list(statement.Action).flatMap((action) =>
        list(statement.Resource).map((resource) => `${action} on ${resource}`),
      ),
    )
    .sort();
}

/** Every source file of the page (not its tests). */
function pageSources(dir = join(WORKSPACE, 'apps/chat-web/src')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pageSources(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)
      ? [readFileSync(path, 'utf8')]
      : [];
  });
}

describe("the guest role's effective actions (local stage, every stack)", () => {
  let resources: LocalResource[];
  let parameters: Record<string, string>;
  let role: LocalResource;
  let grants: Grant[];

  beforeAll(() => {
    const { stacks, missing } = loadAssemblies(WORKSPACE);
    const otherStage = stacks.filter((stack) => !stack.stackName.startsWith(`booktrip-${STAGE}-`));
    if (missing.length > 0 || otherStage.length > 0) {
      throw new Error(
        `Synthesize the local stage first (npx nx run local-cloud:synth-local): missing ${missing.join(', ') || 'none'}, other stages ${otherStage.map((s) => s.stackName).join(', ') || 'none'}`,
      );
    }
    ({ resources, parameters } = loadLocalResources(stacks));
    const attachments = resources.filter(
      (resource) => resource.type === 'AWS::Cognito::IdentityPoolRoleAttachment',
    );
    expect(attachments).toHaveLength(1);
    roles = attachments[0]!.properties.Roles as Record<string, string>;
    role = roleWithArn(roles.unauthenticated);
    grants = grantsOf(role, resources);
  });

  const roleWithArn = (arn: string | undefined): LocalResource => {
    const found = resources.find((r) => r.type === 'AWS::IAM::Role' && r.arn === arn);
    if (!found) throw new Error(`The identity pool's role ${arn} is in no template`);
    return found;
  };
  let roles: Record<string, string>;

  it('leave the authenticated role (no login provider: nobody can assume it) with nothing', () => {
    expect(Object.keys(roles).sort()).toEqual(['authenticated', 'unauthenticated']);
    expect(effectiveActions(grantsOf(roleWithArn(roles.authenticated), resources))).toEqual([]);
  });

  it('are exactly: RecognizeText on the live alias, SynthesizeSpeech, the history API, own uploads', () => {
    const only = (type: string): LocalResource => {
      const found = resources.filter((resource) => resource.type === type);
      expect(found.map((r) => `${r.stackName}/${r.logicalId}`)).toHaveLength(1);
      return found[0]!;
    };
    const alias = only('AWS::Lex::BotAlias');
    const api = only('AWS::ApiGateway::RestApi');
    const stage = only('AWS::ApiGateway::Stage');
    const uploads = parameters[ssm.imageFlip.uploadsBucketName];

    expect(effectiveActions(grants)).toEqual([
      `execute-api:Invoke on arn:aws:execute-api:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT}:${api.physicalId}/${String(stage.properties.StageName)}/*/v1/*`,
      `lex:RecognizeText on ${alias.arn}`,
      'polly:SynthesizeSpeech on *',
      's3:PutObject on arn:aws:s3:::' +
        uploads +
        '/uploads/${cognito-identity.amazonaws.com:sub}/*',
    ]);
  });

  it('come each from the stack that owns the resource', () => {
    const byStack = grants.map(
      ({ from, statement }) => `${list(statement.Action).join(',')} ← ${from.split('/')[0]}`,
    );

    expect(byStack.sort()).toEqual([
      `execute-api:Invoke ← booktrip-${STAGE}-conversation-history`,
      `lex:RecognizeText ← booktrip-${STAGE}-lex-bot`,
      // The bot's voice is the lex-bot stack's (the bot model's locale), so is the grant to speak it.
      `polly:SynthesizeSpeech ← booktrip-${STAGE}-lex-bot`,
      `s3:PutObject ← booktrip-${STAGE}-image-flip`,
    ]);
  });

  it('are plain Allows, with no wildcard action and "*" only where AWS has no resource level', () => {
    for (const { from, statement } of grants) {
      expect({
        from,
        effect: statement.Effect,
        not: [statement.NotAction, statement.NotResource],
      }).toEqual({
        from,
        effect: 'Allow',
        not: [undefined, undefined],
      });
      for (const action of list(statement.Action)) {
        expect({ from, action, wildcard: action.includes('*') }).toEqual({
          from,
          action,
          wildcard: false,
        });
        if (
          list(statement.Resource).some((resource) => resource === '*' || resource.endsWith(':*'))
        ) {
          expect({ from, action, onStar: NO_RESOURCE_LEVEL.has(action) }).toEqual({
            from,
            action,
            onStar: true,
          });
        }
      }
    }
  });

  it('are the actions of the calls the page makes, no more and no fewer', () => {
    const sources = pageSources().join('\n');
    const commands = [...new Set([...sources.matchAll(/new (\w+Command)\(/g)].map((m) => m[1]!))];
    const calls = [
      ...commands,
      ...(sources.includes("service: 'execute-api'") ? ["service: 'execute-api'"] : []),
    ];
    // A call this table does not know must be added to it (with its IAM action) on purpose.
    expect(calls.filter((call) => !(call in PAGE_CALLS))).toEqual([]);
    const used = [...new Set(calls.map((call) => PAGE_CALLS[call]!))].sort();
    const granted = [...new Set(grants.flatMap(({ statement }) => list(statement.Action)))].sort();

    expect(used).toEqual(Object.values(PAGE_CALLS).sort());
    expect(granted).toEqual(used);
  });
});

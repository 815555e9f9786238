import { LOCAL_ACCOUNT, LOCAL_AWS_REGION, localArn } from './local-arns';

/** The parts of a synthesized CloudFormation template the local cloud reads. */
export interface CfnTemplate {
  Parameters?: Record<string, { Type: string; Default?: unknown }>;
  Resources: Record<string, CfnResource>;
}
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface ResolveOptions {
  /** Values of SSM parameters (`valueForStringParameter`), by parameter name. */
  ssm?: Record<string, string>;
  /** Physical names to use instead of the defaults, by logical id. */
  physicalNames?: Record<string, string>;
  stackName?: string;
}

/**
 * Resolves the intrinsic functions CDK emits (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select,
 * Fn::Split) against local names: a resource's physical name is its explicit name property or
 * its logical id; ARNs use the local account and region. Anything else is refused loudly —
 * silently leaving a token in a definition would fail far from the cause.
 */
export function resolveTemplateValue(
  template: CfnTemplate,
  value: unknown,
  options: ResolveOptions = {},
): unknown {
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (typeof node !== 'object' || node === null) return node;
    const entries = Object.entries(node);
    const [first] = entries;
    if (entries.length === 1 && first && isIntrinsic(first[0])) {
      return intrinsic(first[0], first[1]);
    }
    return Object.fromEntries(entries.map(([key, inner]) => [key, resolve(inner)]));
  };

  const intrinsic = (name: string, argument: unknown): unknown => {
    switch (name) {
      case 'Ref':
        return ref(String(argument));
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument)
          ? (argument as string[])
          : String(argument).split('.');
        return getAtt(String(logicalId), String(attribute));
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];
        return (resolve(parts) as unknown[]).map(String).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        return (resolve(list) as unknown[])[Number(resolve(index))];
      }
      case 'Fn::Split': {
        const [separator, source] = argument as [string, unknown];
        return String(resolve(source)).split(separator);
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(argument)
          ? (argument as [string, Record<string, unknown>])
          : [String(argument), {}];
        return text.replace(/\$\{([^}!][^}]*)\}/g, (_, expression: string) => {
          if (expression in variables) return String(resolve(variables[expression]));
          const [logicalId, attribute] = expression.split('.');
          return String(attribute ? getAtt(logicalId ?? '', attribute) : ref(logicalId ?? ''));
        });
      }
      default:
        throw new Error(`The local cloud cannot resolve ${name} in the template`);
    }
  };

  const ref = (logicalId: string): unknown => {
    const pseudo = pseudoParameter(logicalId, options.stackName);
    if (pseudo !== undefined) return pseudo;
    const parameter = template.Parameters?.[logicalId];
    if (parameter) return parameterValue(logicalId, parameter, options);
    const resource = template.Resources[logicalId];
    if (!resource) throw new Error(`Ref to unknown logical id ${logicalId}`);
    const name = physicalName(logicalId, resource, options);
    switch (resource.Type) {
      case 'AWS::SQS::Queue':
        return `http://sqs.${LOCAL_AWS_REGION}.localhost/${LOCAL_ACCOUNT}/${name}`;
      case 'AWS::StepFunctions::StateMachine':
        return localArn.stateMachine(name);
      case 'AWS::SNS::Topic':
        return localArn.topic(name);
      default:
        return name;
    }
  };

  const getAtt = (logicalId: string, attribute: string): unknown => {
    const resource = template.Resources[logicalId];
    if (!resource) throw new Error(`Fn::GetAtt of unknown logical id ${logicalId}`);
    const name = physicalName(logicalId, resource, options);
    const lex = lexAttribute(resource, attribute, name);
    if (lex !== undefined) return lex;
    if (attribute === 'Arn') return arnOf(resource.Type, name, logicalId);
    if (['Name', 'QueueName', 'TableName', 'BucketName', 'FunctionName'].includes(attribute)) {
      return name;
    }
    if (attribute === 'QueueUrl') return ref(logicalId);
    if (resource.Type === 'AWS::ApiGateway::RestApi' && attribute === 'RootResourceId') {
      return restApiRootResourceId(name);
    }
    const domain = domainAttribute(resource.Type, attribute, name);
    if (domain !== undefined) return domain;
    throw new Error(`The local cloud cannot resolve Fn::GetAtt ${logicalId}.${attribute}`);
  };

  /** Lex V2 ids are the local names; the alias ARN embeds its bot's id, as in AWS. */
  const lexAttribute = (resource: CfnResource, attribute: string, name: string) => {
    const properties = resource.Properties ?? {};
    switch (`${resource.Type}.${attribute}`) {
      case 'AWS::Lex::Bot.Id':
      case 'AWS::Lex::BotAlias.BotAliasId':
        return name;
      case 'AWS::Lex::BotVersion.BotVersion':
        return '1';
      case 'AWS::Lex::Bot.Arn':
        return localArn.lexBot(name);
      case 'AWS::Lex::BotAlias.Arn':
        return localArn.lexBotAlias(String(resolve(properties.BotId)), name);
      default:
        return undefined;
    }
  };

  return resolve(value);
}

/** The id `Fn::GetAtt <RestApi>.RootResourceId` resolves to: the API's `/` resource. */
export function restApiRootResourceId(restApiId: string): string {
  return `${restApiId}-root`;
}

/**
 * Host names and ids CloudFront wiring reads: a bucket's S3 endpoints (the local CloudFront maps
 * them back to the bucket), an origin access control's id, a distribution's domain.
 */
function domainAttribute(type: string, attribute: string, name: string): string | undefined {
  switch (`${type}.${attribute}`) {
    case 'AWS::S3::Bucket.RegionalDomainName':
      return `${name}.s3.${LOCAL_AWS_REGION}.amazonaws.com`;
    case 'AWS::S3::Bucket.DomainName':
      return `${name}.s3.amazonaws.com`;
    case 'AWS::CloudFront::OriginAccessControl.Id':
    case 'AWS::CloudFront::Distribution.Id':
    case 'AWS::CloudFront::ResponseHeadersPolicy.Id':
      return name;
    case 'AWS::CloudFront::Distribution.DomainName':
      return `${name.toLowerCase()}.cloudfront.net`;
    default:
      return undefined;
  }
}

function isIntrinsic(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

/** Properties that carry a resource's explicit physical name, by type. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SNS::Topic': 'TopicName',
  // Ref of a stage is its name (the URL segment and the execute-api ARN segment).
  'AWS::ApiGateway::Stage': 'StageName',
  'AWS::ApiGateway::Model': 'Name',
};

export function physicalName(
  logicalId: string,
  resource: CfnResource,
  options: ResolveOptions = {},
): string {
  const explicit = options.physicalNames?.[logicalId];
  if (explicit) return explicit;
  const property = NAME_PROPERTY[resource.Type];
  const named = property ? resource.Properties?.[property] : undefined;
  if (typeof named === 'string') return named;
  // S3 bucket names must be lower case; logical ids are not.
  return resource.Type === 'AWS::S3::Bucket' ? logicalId.toLowerCase() : logicalId;
}

function arnOf(type: string, name: string, logicalId: string): string {
  switch (type) {
    case 'AWS::Lambda::Function':
      return localArn.lambda(name);
    case 'AWS::DynamoDB::Table':
      return localArn.table(name);
    case 'AWS::Events::EventBus':
      return localArn.eventBus(name);
    case 'AWS::SQS::Queue':
      return localArn.queue(name);
    case 'AWS::S3::Bucket':
      return localArn.bucket(name);
    case 'AWS::IAM::Role':
      return localArn.role(name);
    case 'AWS::StepFunctions::StateMachine':
      return localArn.stateMachine(name);
    case 'AWS::Logs::LogGroup':
      return localArn.logGroup(name);
    case 'AWS::SNS::Topic':
      return localArn.topic(name);
    default:
      throw new Error(`The local cloud has no ARN format for ${type} (${logicalId})`);
  }
}

function pseudoParameter(name: string, stackName = 'local-stack'): string | undefined {
  switch (name) {
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::Region':
      return LOCAL_AWS_REGION;
    case 'AWS::AccountId':
      return LOCAL_ACCOUNT;
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return stackName;
    default:
      return undefined;
  }
}

function parameterValue(
  logicalId: string,
  parameter: { Type: string; Default?: unknown },
  options: ResolveOptions,
): string {
  if (parameter.Type.startsWith('AWS::SSM::Parameter::Value')) {
    const name = String(parameter.Default);
    const value = options.ssm?.[name];
    if (value === undefined) {
      throw new Error(`SSM parameter ${name} (template parameter ${logicalId}) has no local value`);
    }
    return value;
  }
  if (parameter.Default === undefined) {
    throw new Error(`Template parameter ${logicalId} has no default and no local value`);
  }
  return String(parameter.Default);
}

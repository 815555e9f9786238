/**
 * What the local cloud does with each CloudFormation resource type. A type in neither list
 * refuses start-up: running without a resource that matters would fail far from the cause.
 */
export const EMULATED_TYPES: Readonly<Record<string, string>> = {
  'AWS::Lambda::Function': 'Lambda',
  'AWS::Lambda::EventSourceMapping': 'Lambda (SQS event source mappings)',
  'AWS::Lambda::EventInvokeConfig': 'Lambda (async retries and destinations)',
  'AWS::Events::EventBus': 'EventBridge',
  'AWS::Events::Rule': 'EventBridge',
  'AWS::SQS::Queue': 'SQS',
  'AWS::StepFunctions::StateMachine': 'Step Functions',
  'AWS::DynamoDB::Table': 'DynamoDB',
  'AWS::S3::Bucket': 'S3',
  'Custom::S3BucketNotifications': 'S3 (EventBridge notifications, handled natively)',
  'Custom::CDKBucketDeployment': 'S3 (bucket deployment, handled natively)',
  'AWS::ApiGateway::RestApi': 'API Gateway',
  'AWS::ApiGateway::Resource': 'API Gateway',
  'AWS::ApiGateway::Method': 'API Gateway',
  'AWS::ApiGateway::Stage': 'API Gateway',
  'AWS::ApiGateway::Deployment': 'API Gateway',
  'AWS::ApiGateway::Model': 'API Gateway',
  'AWS::ApiGateway::RequestValidator': 'API Gateway',
  'AWS::ApiGateway::GatewayResponse': 'API Gateway',
  'AWS::Lex::Bot': 'Lex V2',
  'AWS::Lex::BotVersion': 'Lex V2',
  'AWS::Lex::BotAlias': 'Lex V2',
  'AWS::Cognito::IdentityPool': 'Cognito identity',
  'AWS::Cognito::IdentityPoolRoleAttachment': 'Cognito identity',
  'AWS::SSM::Parameter': 'SSM',
  'AWS::SecretsManager::Secret': 'Secrets Manager',
  'AWS::IAM::Role': 'IAM (the guest role is enforced at the edge)',
  'AWS::IAM::Policy': 'IAM (policies of the guest role are enforced at the edge)',
  'AWS::IAM::ManagedPolicy': 'IAM (policies of the guest role are enforced at the edge)',
  'AWS::CloudFront::Distribution': 'CloudFront (the web port serves its S3 origin)',
  'AWS::CloudFront::ResponseHeadersPolicy': 'CloudFront (its headers on every response)',
};

/** Types that change nothing a local run can observe, with why; listed in the outputs. */
export const IGNORED_TYPES: Readonly<Record<string, string>> = {
  'AWS::CDK::Metadata': 'CDK bookkeeping',
  'AWS::Logs::LogGroup': 'logs go to the console',
  'AWS::Logs::MetricFilter': 'no CloudWatch metrics locally',
  'AWS::CloudWatch::Alarm': 'no CloudWatch metrics locally',
  'AWS::CloudWatch::CompositeAlarm': 'no CloudWatch metrics locally',
  'AWS::CloudWatch::Dashboard': 'no CloudWatch locally',
  'AWS::Events::Archive': 'no event replay locally',
  'AWS::WAFv2::WebACL': 'no WAF locally',
  'AWS::WAFv2::WebACLAssociation': 'no WAF locally',
  'AWS::ApiGateway::Account': 'account-level logging settings',
  'AWS::Lambda::Permission':
    'resource policies of functions are not enforced (only the guest role is)',
  'AWS::SQS::QueuePolicy': 'resource policies of queues are not enforced (only the guest role is)',
  'AWS::S3::BucketPolicy':
    'bucket policies are not enforced (only the guest role is; public access is blocked)',
  'AWS::Events::EventBusPolicy': 'bus policies are not enforced (only the guest role is)',
  'AWS::CloudFront::OriginAccessControl': 'the web port reads the bucket directly',
  'AWS::CloudFront::CachePolicy': 'the web port does not cache',
};

export type ResourceFate = 'emulated' | 'ignored' | 'refused';

export function fateOf(type: string): ResourceFate {
  if (type in EMULATED_TYPES) return 'emulated';
  if (type in IGNORED_TYPES) return 'ignored';
  return 'refused';
}

import type { LocalCloudOutputs } from '../cloud/outputs';

/** Resource types worth a line each in the start-up table, and how to show them. */
const SHOWN: Record<string, string> = {
  'AWS::Lambda::Function': 'function',
  'AWS::Events::EventBus': 'event bus',
  'AWS::Events::Rule': 'rule',
  'AWS::SQS::Queue': 'queue',
  'AWS::StepFunctions::StateMachine': 'state machine',
  'AWS::DynamoDB::Table': 'table',
  'AWS::S3::Bucket': 'bucket',
  'AWS::ApiGateway::RestApi': 'REST API',
  'AWS::Lex::BotAlias': 'bot alias',
  'AWS::Cognito::IdentityPool': 'identity pool',
  'AWS::SecretsManager::Secret': 'secret',
};

/** The one table `npm start` prints: endpoints first, then the resources by stack. */
export function summaryTable(outputs: LocalCloudOutputs): string {
  const rows: [string, string, string][] = [
    ['endpoint', 'edge (every AWS service)', outputs.endpoint],
    ['endpoint', 'web page', outputs.webUrl],
    ['endpoint', 'introspection', `${outputs.endpoint}/_booktrip/outputs`],
    [
      'credentials',
      'administrator (any other pair works too)',
      `${outputs.adminCredentials.accessKeyId} / ${outputs.adminCredentials.secretAccessKey}, ${outputs.region}`,
    ],
  ];
  for (const [name, value] of Object.entries(outputs.parameters)) {
    if (value.includes('/restapis/')) rows.push(['endpoint', `REST API (${name})`, value]);
  }
  for (const [stackName, stack] of Object.entries(outputs.stacks)) {
    for (const resource of Object.values(stack.resources)) {
      const kind = SHOWN[resource.type];
      if (kind) rows.push([stackName, kind, resource.physicalId]);
    }
  }
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows
    .map(([a, b, c]) => `  ${a.padEnd(widths[0] ?? 0)}  ${b.padEnd(widths[1] ?? 0)}  ${c}`)
    .join('\n');
}

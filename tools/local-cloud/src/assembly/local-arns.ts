/** The account and region every local resource lives in. */
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_AWS_REGION = 'us-east-1';

/** ARNs of local resources, in AWS's own formats, so code that parses them keeps working. */
export const localArn = {
  lambda: (name: string) => `arn:aws:lambda:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT}:function:${name}`,
  table: (name: string) => `arn:aws:dynamodb:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT}:table/${name}`,
  eventBus: (name: string) =>
    `arn:aws:events:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT}:event-bus/${name}`,
  queue: (name: string) => `arn:aws:sqs:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT}:${name}`,
  bucket: (name: string) => `arn:aws:s3:::${name}`,
  role: (name: string) => `arn:aws:iam::${LOCAL_ACCOUNT}:role/${name}`,
  stateMachine: (name: string) =>
    `arn:aws:states:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`,
  logGroup: (name: string) => `arn:aws:logs:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT}:log-group:${name}`,
  topic: (name: string) => `arn:aws:sns:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT}:${name}`,
  lexBot: (botId: string) => `arn:aws:lex:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT}:bot/${botId}`,
  lexBotAlias: (botId: string, aliasId: string) =>
    `arn:aws:lex:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT}:bot-alias/${botId}/${aliasId}`,
};

/** The function name in a Lambda ARN or name, without version or alias qualifier. */
export function functionNameOf(nameOrArn: string): string {
  const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(nameOrArn);
  if (match?.[1]) return match[1];
  return nameOrArn.split(':')[0] ?? nameOrArn;
}

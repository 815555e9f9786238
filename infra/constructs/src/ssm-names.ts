/**
 * SSM parameter names through which stacks share values (ARCHITECTURE.md, "Independent
 * stacks"). The producer writes them; consumers resolve them at deploy time with
 * `StringParameter.valueForStringParameter`, never at synth time and never `Fn::ImportValue`.
 */
export const ssmNames = (stage: string) => {
  const name = (service: string, key: string) => `/booktrip/${stage}/${service}/${key}`;
  return {
    platform: {
      eventBusName: name('platform', 'event-bus-name'),
      eventBusArn: name('platform', 'event-bus-arn'),
      /** DLQ for EventBridge rule targets that cannot be delivered. */
      eventDlqArn: name('platform', 'event-dlq-arn'),
      identityPoolId: name('platform', 'identity-pool-id'),
      guestRoleName: name('platform', 'guest-role-name'),
      guestRoleArn: name('platform', 'guest-role-arn'),
    },
    lexBot: {
      botId: name('lex-bot', 'bot-id'),
      botAliasId: name('lex-bot', 'bot-alias-id'),
      fulfilmentRoleArn: name('lex-bot', 'fulfilment-role-arn'),
    },
    imageFlip: {
      uploadsBucketName: name('image-flip', 'uploads-bucket-name'),
      outputBucketName: name('image-flip', 'output-bucket-name'),
      publisherRoleArn: name('image-flip', 'publisher-role-arn'),
    },
    booking: {
      publisherRoleArn: name('booking', 'publisher-role-arn'),
    },
    conversationHistory: {
      apiUrl: name('conversation-history', 'api-url'),
      apiId: name('conversation-history', 'api-id'),
    },
    chatWeb: {
      /** The page's origin: the history API's functions read it at run time for CORS. */
      origin: name('chat-web', 'origin'),
      distributionId: name('chat-web', 'distribution-id'),
    },
  };
};
export type SsmNames = ReturnType<typeof ssmNames>;

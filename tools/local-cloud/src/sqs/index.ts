/**
 * The local SQS. `createSqsService(deps)` makes every `AWS::SQS::Queue` of `deps.resources` a
 * standard queue and every `AWS::Lambda::EventSourceMapping` on them a poller, and returns:
 * - `service`: the SQS JSON API on the edge (signing name `sqs`);
 * - `sendMessage(queueArnOrUrl, body, options)` for other emulators (DLQs, rule targets);
 * - `depth(queue)`, `queues()`, `startPollers()` (once Lambda is wired), `stop()`.
 *
 * deps: `resources`, `region`, `accountId`, `endpoint` (queue URLs are
 * `<endpoint>/<account>/<name>`), `authorize`, `lambda` (needed by event source mappings), `log`.
 * FIFO queues are refused at construction, naming the resource.
 */
export { createSqsService } from './sqs-service';
export type { SqsService, SqsServiceDeps } from './sqs-service';
export type { MessageAttributeValue, SendMessage, SendMessageOptions } from './send-message';
export { md5OfAttributes } from './local-queue';

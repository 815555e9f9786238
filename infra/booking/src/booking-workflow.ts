import {
  envelopeTemplate,
  metadataTemplate,
  ReservationConfirmed,
  ReservationFailed,
  ReservationFailureReason,
  STATE_ENTERED_TIME,
} from '@booktrip/events';
import { countAlarm, TaskErrors } from '@booktrip/constructs';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  JitterType,
  JsonPath,
  LogLevel,
  Pass,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  type RetryProps,
} from 'aws-cdk-lib/aws-stepfunctions';
import {
  DynamoAttributeValue,
  DynamoPutItem,
  EventBridgePutEvents,
  LambdaInvoke,
} from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { ReservationKeys } from './reservations-table';

export interface BookingWorkflowProps {
  table: ITable;
  eventBus: IEventBus;
  /** apps/booking `validate-request`: checks the request against its contract. */
  validateFunction: IFunction;
  production: boolean;
}

/** State names: the README diagram, the tests and the local bindings refer to them. */
export const BookingStates = {
  validate: 'ValidateRequest',
  isValid: 'IsRequestValid',
  save: 'SaveReservation',
  publishConfirmed: 'PublishReservationConfirmed',
  alreadyBooked: 'AlreadyBooked',
  requestInvalid: 'RequestInvalid',
  validationCrashed: 'ValidationCrashed',
  crashInConversation: 'CrashInConversation',
  crashWithoutConversation: 'CrashWithoutConversation',
  storageFailed: 'StorageFailed',
  publishFailed: 'PublishReservationFailed',
  wasRequestInvalid: 'WasRequestInvalid',
  requestRejected: 'RequestRejected',
  bookingFailed: 'BookingFailed',
} as const;

/** DynamoDB errors worth retrying: capacity and transient service faults. */
export const DYNAMODB_TRANSIENT_ERRORS = [
  'DynamoDB.ProvisionedThroughputExceededException',
  'DynamoDB.ThrottlingException',
  'DynamoDB.RequestLimitExceeded',
  'DynamoDB.InternalServerErrorException',
];
/** The condition that makes a replayed request book nothing twice. */
export const RESERVATION_WRITE_CONDITION = `attribute_not_exists(${ReservationKeys.partitionKey})`;
const DUPLICATE_RESERVATION = 'DynamoDB.ConditionalCheckFailedException';

/** Exponential backoff with full jitter, so retries of a burst do not collide again. */
const backoff = (maxAttempts: number): Omit<RetryProps, 'errors'> => ({
  interval: Duration.seconds(1),
  backoffRate: 2,
  maxAttempts,
  maxDelay: Duration.seconds(20),
  jitterStrategy: JitterType.FULL,
});

/**
 * A non-empty string at `path`. `IsPresent` comes first because a comparison on a missing
 * path fails the execution, and `And` stops at its first false rule.
 */
const usableString = (path: string): Condition[] => [
  Condition.isPresent(path),
  Condition.isString(path),
  Condition.not(Condition.stringEquals(path, '')),
];

/** What the user reads when the booking failed for a reason that is not theirs. */
const MESSAGES = {
  storageFailed: 'We could not save your reservation, so nothing was booked. Please try again.',
  internalError:
    'We could not check your reservation request, so nothing was booked. Please try again.',
};

/**
 * The booking workflow (Standard): *Reservation Requested* → validate (Lambda, the one step
 * that needs code) → conditional PutItem (a replay books nothing twice) → *Reservation
 * Confirmed*; every failure → *Reservation Failed* with a reason. JSONPath only: the local
 * cloud's aws-local-stepfunctions ignores JSONata.
 *
 * Data flow: the validate step's result replaces the state (`{ valid, eventId, reservation,
 * metadata }` or `{ valid: false, failure, metadata }`); failure paths build `{ metadata,
 * data, stamp }` for the one *Reservation Failed* publisher.
 */
export class BookingWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly failedExecutionsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: BookingWorkflowProps) {
    super(scope, id);
    const { table, eventBus } = props;

    const validate = new LambdaInvoke(this, BookingStates.validate, {
      comment: 'Checks the request against the Reservation Requested contract',
      lambdaFunction: props.validateFunction,
      payload: TaskInput.fromJsonPathAt('$'),
      outputPath: '$.Payload',
      retryOnServiceExceptions: false,
    });
    validate.addRetry({ errors: [...TaskErrors.lambdaTransient], ...backoff(3) });

    const save = new DynamoPutItem(this, BookingStates.save, {
      comment: 'Stores the reservation once: the condition refuses a second write of the same id',
      table,
      item: {
        [ReservationKeys.partitionKey]: DynamoAttributeValue.fromString(
          JsonPath.format('RES#{}', JsonPath.stringAt('$.reservation.reservationId')),
        ),
        [ReservationKeys.byConversation.partitionKey]: DynamoAttributeValue.fromString(
          JsonPath.format('CONV#{}', JsonPath.stringAt('$.metadata.conversationId')),
        ),
        [ReservationKeys.byConversation.sortKey]: DynamoAttributeValue.fromString(
          JsonPath.stringAt(STATE_ENTERED_TIME),
        ),
        createdAt: DynamoAttributeValue.fromString(JsonPath.stringAt(STATE_ENTERED_TIME)),
        reservationId: DynamoAttributeValue.fromString(
          JsonPath.stringAt('$.reservation.reservationId'),
        ),
        // The event that booked it: a replay finds the item and books nothing.
        eventId: DynamoAttributeValue.fromString(JsonPath.stringAt('$.eventId')),
        correlationId: DynamoAttributeValue.fromString(
          JsonPath.stringAt('$.metadata.correlationId'),
        ),
        conversationId: DynamoAttributeValue.fromString(
          JsonPath.stringAt('$.metadata.conversationId'),
        ),
        kind: DynamoAttributeValue.fromString(JsonPath.stringAt('$.reservation.reservation.kind')),
        // Hotel and car details differ; the contract (not the table) defines them.
        details: DynamoAttributeValue.fromString(
          JsonPath.jsonToString(JsonPath.objectAt('$.reservation.reservation')),
        ),
        // DynamoDB numbers travel as strings: States.Format turns the JSON number into one.
        amountCents: DynamoAttributeValue.numberFromString(
          JsonPath.format('{}', JsonPath.stringAt('$.reservation.price.amountCents')),
        ),
        currency: DynamoAttributeValue.fromString(
          JsonPath.stringAt('$.reservation.price.currency'),
        ),
      },
      conditionExpression: RESERVATION_WRITE_CONDITION,
      resultPath: JsonPath.DISCARD,
    });
    save.addRetry({ errors: DYNAMODB_TRANSIENT_ERRORS, ...backoff(6) });

    const publishConfirmed = new EventBridgePutEvents(this, BookingStates.publishConfirmed, {
      comment: 'Runs only after the first successful write, so it is published once',
      entries: [
        {
          eventBus,
          source: ReservationConfirmed.source,
          detailType: ReservationConfirmed.detailType,
          detail: TaskInput.fromObject(
            envelopeTemplate(
              {
                correlationId: '$.metadata.correlationId',
                conversationId: '$.metadata.conversationId',
              },
              '$.reservation',
            ),
          ),
        },
      ],
      resultPath: JsonPath.DISCARD,
    });
    // PutEvents failures are transient or an entry the bus refused; either way retry, then
    // fail the execution (alarm) with the reservation stored: redrive resumes right here.
    publishConfirmed.addRetry({ errors: [Errors.TASKS_FAILED], ...backoff(4) });

    const alreadyBooked = new Succeed(this, BookingStates.alreadyBooked, {
      comment: 'A replay of a booked request: nothing written, nothing published',
    });

    const stamp = { producedAt: JsonPath.stringAt(STATE_ENTERED_TIME) };
    const requestInvalid = new Pass(this, BookingStates.requestInvalid, {
      parameters: {
        metadata: JsonPath.objectAt('$.metadata'),
        data: JsonPath.objectAt('$.failure'),
        stamp,
      },
    });
    // The validate step failed after its retries: the state is still the raw event (the Catch
    // adds only `$.error`), so its own ids can still route the failure to the conversation.
    const crashFailure = {
      reason: ReservationFailureReason.enum.INTERNAL_ERROR,
      message: MESSAGES.internalError,
    };
    const crashInConversation = new Pass(this, BookingStates.crashInConversation, {
      comment: 'The request names its conversation: the user hears of the failure there',
      parameters: {
        metadata: metadataTemplate({
          correlationId: '$.detail.metadata.correlationId',
          conversationId: '$.detail.metadata.conversationId',
          producedAt: false,
        }),
        data: crashFailure,
        stamp,
      },
    });
    const crashWithoutConversation = new Pass(this, BookingStates.crashWithoutConversation, {
      comment: 'No usable ids in the request: the event id correlates the failure',
      parameters: {
        metadata: metadataTemplate({ correlationId: '$.id', producedAt: false }),
        data: crashFailure,
        stamp,
      },
    });
    const validationCrashed = new Choice(this, BookingStates.validationCrashed, {
      comment: 'Does the raw event carry the ids a Reservation Failed needs to reach its user?',
    })
      .when(
        Condition.and(
          ...usableString('$.detail.metadata.correlationId'),
          ...usableString('$.detail.metadata.conversationId'),
        ),
        crashInConversation,
      )
      .otherwise(crashWithoutConversation);
    const storageFailed = new Pass(this, BookingStates.storageFailed, {
      parameters: {
        metadata: JsonPath.objectAt('$.metadata'),
        data: {
          reservationId: JsonPath.stringAt('$.reservation.reservationId'),
          reason: ReservationFailureReason.enum.STORAGE_FAILED,
          message: MESSAGES.storageFailed,
        },
        stamp,
      },
    });

    const publishFailed = new EventBridgePutEvents(this, BookingStates.publishFailed, {
      entries: [
        {
          eventBus,
          source: ReservationFailed.source,
          detailType: ReservationFailed.detailType,
          detail: TaskInput.fromObject({
            // conversationId is optional in a failure, so the metadata is merged, not listed.
            metadata: JsonPath.jsonMerge(
              JsonPath.objectAt('$.metadata'),
              JsonPath.objectAt('$.stamp'),
            ),
            data: JsonPath.objectAt('$.data'),
          }),
        },
      ],
      resultPath: JsonPath.DISCARD,
    });
    publishFailed.addRetry({ errors: [Errors.TASKS_FAILED], ...backoff(4) });

    // A rejected request is the user's to fix: the workflow did its job. Anything else is
    // ours, and failing the execution is what raises the alarm.
    const requestRejected = new Succeed(this, BookingStates.requestRejected);
    const bookingFailed = new Fail(this, BookingStates.bookingFailed, {
      error: 'ReservationFailed',
      causePath: JsonPath.stringAt('$.data.reason'),
    });
    const wasRequestInvalid = new Choice(this, BookingStates.wasRequestInvalid)
      .when(
        Condition.stringEquals('$.data.reason', ReservationFailureReason.enum.INVALID_REQUEST),
        requestRejected,
      )
      .otherwise(bookingFailed);
    const reportFailure = publishFailed.next(wasRequestInvalid);

    validate.addCatch(validationCrashed, { errors: [Errors.ALL], resultPath: '$.error' });
    save.addCatch(alreadyBooked, { errors: [DUPLICATE_RESERVATION], resultPath: JsonPath.DISCARD });
    save.addCatch(storageFailed, { errors: [Errors.ALL], resultPath: '$.error' });
    requestInvalid.next(reportFailure);
    crashInConversation.next(reportFailure);
    crashWithoutConversation.next(reportFailure);
    storageFailed.next(reportFailure);

    const definition = validate.next(
      new Choice(this, BookingStates.isValid)
        .when(Condition.booleanEquals('$.valid', true), save.next(publishConfirmed))
        .otherwise(requestInvalid),
    );

    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: 'BookTrip booking: Reservation Requested → stored once → Confirmed, or Failed',
      definitionBody: DefinitionBody.fromChainable(definition),
      // Standard: exactly-once execution, a 90-day history of every booking, and redrive
      // from the failed state. Bookings are few (one per chat), so the price is negligible.
      stateMachineType: StateMachineType.STANDARD,
      timeout: Duration.minutes(5),
      tracingEnabled: true,
      // ALL transitions, no execution data: events carry personal travel details.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });

    this.failedExecutionsAlarm = countAlarm(this, 'FailedExecutionsAlarm', {
      description: 'booking: a reservation could not be stored or announced (execution failed)',
      metric: this.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
    });
  }
}

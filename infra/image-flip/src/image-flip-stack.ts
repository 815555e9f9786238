import {
  acknowledge,
  appEntry,
  bindEnvironment,
  LAMBDA_BASIC_EXECUTION_POLICY,
  nagArn,
  ServiceFunction,
  ServiceStack,
  type ServiceStackProps,
} from '@booktrip/constructs';
import { UploadKeyLayout, uploadPrefix } from '@booktrip/events';
import { imageFlipDefinition } from '@booktrip/image-flip/definition';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { Policy, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ImageWorkflow } from './image-workflow';
import { architectureOf, lambdaCpu, sharpBundling } from './sharp-bundling';

export interface ImageFlipStackProps extends ServiceStackProps {
  /**
   * Pages allowed to PUT uploads from a browser. `*` by default: every PUT is signed with a
   * guest's own credentials, which IAM limits to that guest's prefix; CORS only decides which
   * pages may read the answer.
   */
  uploadOrigins?: string[];
  /** Days an upload (and its flipped picture) is kept (default 30). */
  retentionDays?: number;
}

const { consumes, functions } = imageFlipDefinition;
const UPLOADS_PREFIX = consumes.keyPrefix;
const FLIPPED_PREFIX = UploadKeyLayout.outputPrefix;
/** The guest role's own prefix: IAM substitutes the caller's Cognito identity id. */
const GUEST_IDENTITY = '${cognito-identity.amazonaws.com:sub}';

/**
 * The image-flip service: the uploads bucket guests write to, the workflow its *Object
 * Created* events start, its two Lambda steps and the output bucket.
 */
export class ImageFlipStack extends ServiceStack {
  readonly uploadsBucket: Bucket;
  readonly outputBucket: Bucket;
  readonly validateUpload: ServiceFunction;
  readonly flipImage: ServiceFunction;
  readonly workflow: ImageWorkflow;

  constructor(scope: Construct, id: string, props: ImageFlipStackProps) {
    super(scope, id, props);
    // Access logs delivered under a bucket policy, not the legacy log-delivery ACL (which
    // would need ACLs enabled on the log bucket). CDK's recommended flag, set for this stack.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const retention = Duration.days(props.retentionDays ?? 30);
    // Buckets hold people's pictures: never deleted with the stack, in any stage.
    const privateBucket = {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };

    const accessLogs = new Bucket(this, 'AccessLogs', {
      ...privateBucket,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    acknowledge(
      accessLogs,
      'AwsSolutions-S1',
      'This is the server access log bucket; logging it into itself would loop.',
    );

    this.uploadsBucket = new Bucket(this, 'Uploads', {
      ...privateBucket,
      versioned: true,
      eventBridgeEnabled: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: UPLOADS_PREFIX,
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: props.uploadOrigins ?? ['*'],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'x-amz-version-id'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        {
          prefix: UPLOADS_PREFIX,
          expiration: retention,
          noncurrentVersionExpiration: retention,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    // eventBridgeEnabled is applied by CDK's bucket-notifications custom resource.
    const notificationsHandler = this.node
      .findAll()
      .find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
    acknowledge(
      notificationsHandler,
      'AwsSolutions-IAM4',
      "CDK's own bucket-notifications handler: CloudWatch Logs writes only.",
      { policies: [LAMBDA_BASIC_EXECUTION_POLICY] },
    );

    this.outputBucket = new Bucket(this, 'Output', {
      ...privateBucket,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'output/',
      lifecycleRules: [{ prefix: FLIPPED_PREFIX, expiration: retention }],
    });

    this.validateUpload = new ServiceFunction(this, 'ValidateUpload', {
      entry: appEntry('image-flip', functions.validateUpload.entry),
      service: props.service,
      description: 'Image workflow: checks an upload from its size and header bytes',
      memorySize: 256,
    });
    this.validateUpload.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.uploadsBucket.arnForObjects(`${UPLOADS_PREFIX}*`)],
      }),
    );

    const cpu = lambdaCpu(this.stage);
    this.flipImage = new ServiceFunction(this, 'FlipImage', {
      entry: appEntry('image-flip', functions.flipImage.entry),
      service: props.service,
      description: 'Image workflow: writes an upload upside down to the output bucket',
      architecture: architectureOf(cpu),
      // libvips uses every vCPU it gets; 2 GB buys more of them and room for 40 MP.
      memorySize: 2048,
      timeout: Duration.seconds(60),
      bundling: sharpBundling(cpu),
    });
    this.flipImage.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.uploadsBucket.arnForObjects(`${UPLOADS_PREFIX}*`)],
      }),
    );
    bindEnvironment(this.flipImage, functions.flipImage.env, {
      outputBucket: {
        value: this.outputBucket.bucketName,
        grant: (fn) => {
          fn.addToRolePolicy(
            new PolicyStatement({
              // GetObject for the HeadObject of the idempotency check.
              actions: ['s3:GetObject', 's3:PutObject'],
              resources: [this.outputBucket.arnForObjects(`${FLIPPED_PREFIX}*`)],
            }),
          );
          fn.addToRolePolicy(
            new PolicyStatement({
              // Without ListBucket, HeadObject of a missing key answers 403 instead of 404.
              actions: ['s3:ListBucket'],
              resources: [this.outputBucket.bucketArn],
              conditions: { StringLike: { 's3:prefix': [`${FLIPPED_PREFIX}*`] } },
            }),
          );
        },
      },
    });
    const objectsReason =
      'Object ARNs end in "<prefix>/*": every upload has its own key, and the prefix ' +
      `(${UPLOADS_PREFIX} or ${FLIPPED_PREFIX}) is the narrowest scope that names them.`;
    acknowledgeWildcards(this.validateUpload.role, objectsReason, [
      `${nagArn(this.uploadsBucket)}/${UPLOADS_PREFIX}*`,
    ]);
    acknowledgeWildcards(this.flipImage.role, objectsReason, [
      `${nagArn(this.uploadsBucket)}/${UPLOADS_PREFIX}*`,
      `${nagArn(this.outputBucket)}/${FLIPPED_PREFIX}*`,
    ]);

    const bus = EventBus.fromEventBusName(
      this,
      'BookTripBus',
      this.sharedValue(this.ssm.platform.eventBusName),
    );
    this.workflow = new ImageWorkflow(this, 'Workflow', {
      validateUpload: this.validateUpload,
      flipImage: this.flipImage,
      eventBus: bus,
    });
    const workflowRole = this.workflow.stateMachine.role;
    acknowledgeWildcards(
      workflowRole,
      'CDK grants lambda:InvokeFunction on "<function>:*" so the tasks may call any version ' +
        'of the two step functions; X-Ray and log delivery accept only "*".',
      [`${nagArn(this.validateUpload)}:*`, `${nagArn(this.flipImage)}:*`, '*'],
    );

    const pattern = consumes.event.pattern(this.uploadsBucket.bucketName, UPLOADS_PREFIX);
    new Rule(this, 'UploadCreated', {
      description: 'Starts the image workflow for each new upload',
      eventPattern: {
        source: pattern.source,
        detailType: pattern['detail-type'],
        detail: pattern.detail,
      },
      targets: [
        new SfnStateMachine(
          this.workflow.stateMachine,
          // A picture that waited an hour is no longer worth flipping for a chat.
          this.ruleTargetDelivery({ retryAttempts: 4, maxEventAge: Duration.hours(1) }),
        ),
      ],
    });

    // Guests may write only under their own identity's prefix.
    const guestRole = Role.fromRoleName(
      this,
      'GuestRole',
      this.sharedValue(this.ssm.platform.guestRoleName),
    );
    const guestUploads = new Policy(this, 'GuestUploads', {
      statements: [
        new PolicyStatement({
          actions: ['s3:PutObject'],
          resources: [this.uploadsBucket.arnForObjects(`${uploadPrefix(GUEST_IDENTITY)}*`)],
        }),
      ],
    });
    guestRole.attachInlinePolicy(guestUploads);
    acknowledgeWildcards(
      guestUploads,
      "The wildcard is below the guest's own identity id (cognito-identity.amazonaws.com:sub): " +
        "each upload needs a new key, and no guest can reach another's prefix.",
      [`${nagArn(this.uploadsBucket)}/${uploadPrefix('<cognito-identity.amazonaws.com:sub>')}*`],
    );

    this.share(
      'UploadsBucketName',
      this.ssm.imageFlip.uploadsBucketName,
      this.uploadsBucket.bucketName,
    );
    this.share(
      'OutputBucketName',
      this.ssm.imageFlip.outputBucketName,
      this.outputBucket.bucketName,
    );
    this.share('PublisherRoleArn', this.ssm.imageFlip.publisherRoleArn, workflowRole.roleArn);
  }
}

/** cdk-nag's IAM5 (wildcard resource) findings of one construct's policy, with one reason. */
function acknowledgeWildcards(
  construct: Construct | undefined,
  reason: string,
  resources: readonly string[],
): void {
  acknowledge(construct, 'AwsSolutions-IAM5', reason, { resources });
}

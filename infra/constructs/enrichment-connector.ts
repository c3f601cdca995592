import { CfnOutput, Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ConnectorSpec } from '../config/types';
import { CLAIM_CHECK_PREFIX, type ClaimCheckBucket } from './claim-check-bucket';
import { connectorEnvironment, type OpenCtiEndpoint } from './connector-environment';
import { ConnectorQueues } from './connector-queues';
import { EsmFunction } from './esm-function';
import { QueueAlarms } from './queue-alarms';
import type { QuotaTable } from './quota-table';
import { importSecret } from './secret-ref';

/** AWS advises a queue visibility timeout of at least six times the consumer function's timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface EnrichmentConnectorProps {
  /** The connector, defaults applied. */
  readonly spec: ConnectorSpec;
  /** The platform the function reports to. */
  readonly opencti: OpenCtiEndpoint;
  /** TypeScript entry of the service function (`functions/<service>/handler.ts`). */
  readonly entry: string;
  /** Directory with `package-lock.json`. */
  readonly projectRoot: string;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Alarm when the DLQ holds this many messages. @default 1 */
  readonly deadLetterThreshold?: number;
  /** Alarm when the oldest queued message is older than this. @default Duration.hours(1) */
  readonly maxMessageAge?: Duration;
  /** Topic the alarms notify. @default no notification */
  readonly alarmTopic?: ITopic;
  /** Bucket holding bodies too large for SQS; the function may read its connector's prefix there, and nothing else. @default none */
  readonly claimCheck?: ClaimCheckBucket;
  /** Table the function counts its vendor calls and caches answers in, scoped to its own items. @default none: per-instance counting */
  readonly quotaTable?: QuotaTable;
}

/**
 * One OpenCTI enrichment connector in AWS: its queue and DLQ, the service function consuming the
 * queue with partial batch failures, read access to exactly its own secrets, and alarms.
 */
export class EnrichmentConnector extends Construct {
  readonly spec: ConnectorSpec;
  readonly queues: ConnectorQueues;
  readonly handler: EsmFunction;
  readonly tokenSecret: ISecret;
  readonly apiKeySecret?: ISecret;
  readonly alarms: QueueAlarms;

  constructor(scope: Construct, id: string, props: EnrichmentConnectorProps) {
    super(scope, id);
    const { spec } = props;
    this.spec = spec;
    const timeout = Duration.seconds(spec.timeoutSeconds);

    this.queues = new ConnectorQueues(this, 'Queues', {
      maxReceives: spec.maxReceives,
      visibilityTimeout: Duration.seconds(spec.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR),
    });

    this.handler = new EsmFunction(this, 'Handler', {
      entry: props.entry,
      projectRoot: props.projectRoot,
      // amqplib ships only to a function that publishes over AMQP.
      bundle: { amqp: spec.queueProtocol === 'amqp' },
      description: `OpenCTI enrichment connector "${spec.name}" (${spec.service}, ${spec.id})`,
      memorySize: spec.memorySize,
      timeout,
      logRetention: props.logRetention,
      environment: {
        ...connectorEnvironment(spec, props.opencti, { maxReceives: spec.maxReceives, quotaTable: props.quotaTable?.table.tableName }),
        // The one bucket and prefix a claim-check pointer may name (the pointer comes from the bridge only).
        ...(props.claimCheck
          ? { PIPELINE_CLAIM_CHECK_BUCKET: props.claimCheck.bucket.bucketName, PIPELINE_CLAIM_CHECK_PREFIX: CLAIM_CHECK_PREFIX }
          : {}),
      },
    });
    this.handler.function.addEventSource(
      new SqsEventSource(this.queues.queue, {
        batchSize: spec.batchSize,
        maxConcurrency: spec.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    this.tokenSecret = importSecret(this, 'TokenSecret', spec.tokenSecret);
    this.tokenSecret.grantRead(this.handler.role);
    if (spec.apiKeySecret) {
      this.apiKeySecret = importSecret(this, 'ApiKeySecret', spec.apiKeySecret);
      this.apiKeySecret.grantRead(this.handler.role);
    }
    props.claimCheck?.grantRead(this.handler.role, spec.id);
    props.quotaTable?.grantConnector(this.handler.role, spec.id, spec.service);
    // A lookup that comes back later (a submitted analysis) sends its message again, delayed.
    this.queues.queue.grantSendMessages(this.handler.role);

    this.alarms = new QueueAlarms(this, 'Alarms', {
      label: `OpenCTI connector ${spec.name}`,
      queue: this.queues.queue,
      deadLetterQueue: this.queues.deadLetterQueue,
      deadLetterThreshold: props.deadLetterThreshold,
      maxMessageAge: props.maxMessageAge,
      topic: props.alarmTopic,
    });

    const outputs: Record<string, [string, string]> = {
      QueueUrl: [this.queues.queue.queueUrl, 'queue'],
      DeadLetterQueueUrl: [this.queues.deadLetterQueue.queueUrl, 'dead-letter queue URL'],
      DeadLetterQueueArn: [this.queues.deadLetterQueue.queueArn, 'dead-letter queue ARN (redrive source)'],
      FunctionName: [this.handler.function.functionName, 'Lambda function'],
      LogGroupName: [this.handler.logGroup.logGroupName, 'log group'],
    };
    for (const [key, [value, what]] of Object.entries(outputs)) {
      new CfnOutput(this, key, { value, description: `${spec.name} (${spec.id}): ${what}` });
    }
  }
}

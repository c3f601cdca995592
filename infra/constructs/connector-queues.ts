import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface ConnectorQueuesProps {
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceives: number;
  /** How long a received message stays hidden; at least six times the consumer's timeout. */
  readonly visibilityTimeout: Duration;
  /** How long the main queue keeps a message. @default Duration.days(4) */
  readonly retentionPeriod?: Duration;
  /** How long the dead-letter queue keeps a message, time to investigate and redrive. @default Duration.days(14) */
  readonly deadLetterRetentionPeriod?: Duration;
}

/** A connector's SQS queue and its dead-letter queue: SSE-SQS encrypted, TLS-only. */
export class ConnectorQueues extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ConnectorQueuesProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: props.deadLetterRetentionPeriod ?? Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceives },
    });
  }
}

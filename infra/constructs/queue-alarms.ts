import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface QueueAlarmsProps {
  /** Label used in alarm descriptions, e.g. the connector name. */
  readonly label: string;
  /** The queue whose oldest message age is watched. */
  readonly queue: IQueue;
  /** The dead-letter queue whose depth is watched. */
  readonly deadLetterQueue: IQueue;
  /** Alarm when the DLQ holds at least this many visible messages. @default 1 */
  readonly deadLetterThreshold?: number;
  /** Alarm when the queue's oldest message is older than this. @default Duration.hours(1) */
  readonly maxMessageAge?: Duration;
  /** Topic notified on alarm and on recovery. @default no notification */
  readonly topic?: ITopic;
}

/** Alarms on a connector's queues: messages in the DLQ, and a backlog that is not draining. */
export class QueueAlarms extends Construct {
  readonly deadLetterAlarm: Alarm;
  readonly messageAgeAlarm: Alarm;

  constructor(scope: Construct, id: string, props: QueueAlarmsProps) {
    super(scope, id);
    this.deadLetterAlarm = new Alarm(this, 'DeadLetterMessages', {
      alarmDescription: `${props.label}: messages in the dead-letter queue (enrichments that failed every attempt)`,
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: props.deadLetterThreshold ?? 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.messageAgeAlarm = new Alarm(this, 'OldestMessageAge', {
      alarmDescription: `${props.label}: the oldest queued enrichment is waiting too long (function failing, throttled or too slow)`,
      metric: props.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: (props.maxMessageAge ?? Duration.hours(1)).toSeconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.topic) {
      const action = new SnsAction(props.topic);
      for (const alarm of [this.deadLetterAlarm, this.messageAgeAlarm]) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }
  }
}

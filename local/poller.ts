import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface PollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  handler: SqsHandler;
  /** As the event source mapping's BatchSize. */
  batchSize: number;
  /** As the event source mapping's MaximumConcurrency: batches in flight at once. */
  concurrency: number;
  functionName: string;
  /** Long-poll wait. @default 1 */
  waitSeconds?: number;
  onError?: (error: Error) => void;
  /** After the records the handler finished were deleted from the queue. */
  onDeleted?: (records: SQSRecord[]) => void;
}

function toRecord(message: Message, queueArn: string): SQSRecord {
  const a = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? '0',
      SenderId: a.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? '0',
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [
        k,
        { stringValue: v.StringValue, dataType: v.DataType ?? 'String', stringListValues: [], binaryListValues: [] },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: queueArn.split(':')[3] ?? 'us-east-1',
  };
}

/**
 * What Lambda's SQS event source does, in a few lines: receive up to a batch, invoke the handler,
 * delete the records it did not report in `batchItemFailures`, leave those to come back (after the
 * visibility the handler set) and go to the DLQ after the queue's maximum receives.
 */
export class SqsPoller {
  #running = false;
  #loops: Promise<void>[] = [];
  #invocations = 0;

  constructor(private readonly options: PollerOptions) {}

  start(): void {
    this.#running = true;
    this.#loops = Array.from({ length: this.options.concurrency }, () => this.#loop());
  }

  /** Stops receiving and waits for the batches in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops);
  }

  async #loop(): Promise<void> {
    while (this.#running) {
      try {
        await this.#pollOnce();
      } catch (error) {
        this.options.onError?.(error as Error);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  async #pollOnce(): Promise<void> {
    const { sqs, queueUrl, queueArn } = this.options;
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: this.options.batchSize,
        WaitTimeSeconds: this.options.waitSeconds ?? 1,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return;
    const records = messages.map((m) => toRecord(m, queueArn));
    const context = {
      functionName: this.options.functionName,
      awsRequestId: `local-${++this.#invocations}`,
      getRemainingTimeInMillis: () => 60_000,
    } as unknown as Context;
    let failed: Set<string>;
    try {
      const response = await this.options.handler({ Records: records }, context);
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      // A thrown invocation fails the whole batch, as in Lambda.
      this.options.onError?.(error as Error);
      return;
    }
    const done = records.filter((r) => !failed.has(r.messageId));
    if (done.length) {
      const output = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
        }),
      );
      const deleted = new Set((output.Successful ?? []).map((e) => Number(e.Id)));
      this.options.onDeleted?.(done.filter((_, i) => deleted.has(i)));
    }
  }
}

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * The local SQS server keeps messages in memory. On shutdown, what is still queued (and what sits
 * in the DLQ) is saved to a spool file; the next start puts it back, so Ctrl-C loses nothing.
 */
export interface SpoolEntry {
  queue: 'queue' | 'dlq';
  body: string;
}

const spoolPath = (dir: string, name: string) => join(dir, `${name}.jsonl`);

/** Receives every visible message of a queue and deletes it from the queue. */
async function drainQueue(sqs: SQSClient, url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 300, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((m) => m.Body ?? ''));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
}

/** Saves a connector's remaining messages; returns how many. */
export async function saveSpool(sqs: SQSClient, dir: string, name: string, urls: { queueUrl: string; dlqUrl: string }): Promise<number> {
  const entries: SpoolEntry[] = [
    ...(await drainQueue(sqs, urls.queueUrl)).map((body) => ({ queue: 'queue' as const, body })),
    ...(await drainQueue(sqs, urls.dlqUrl)).map((body) => ({ queue: 'dlq' as const, body })),
  ];
  if (entries.length === 0) return 0;
  mkdirSync(dir, { recursive: true });
  const previous = existsSync(spoolPath(dir, name)) ? readFileSync(spoolPath(dir, name), 'utf8') : '';
  writeFileSync(spoolPath(dir, name), previous + entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return entries.length;
}

/** Puts saved messages back in their queues and removes the spool file; returns how many. */
export async function restoreSpool(sqs: SQSClient, dir: string, name: string, urls: { queueUrl: string; dlqUrl: string }): Promise<number> {
  const path = spoolPath(dir, name);
  if (!existsSync(path)) return 0;
  const taken = `${path}.restoring`;
  renameSync(path, taken);
  const entries = readFileSync(taken, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SpoolEntry);
  for (const queue of ['queue', 'dlq'] as const) {
    const bodies = entries.filter((e) => e.queue === queue).map((e) => e.body);
    for (let i = 0; i < bodies.length; i += 10) {
      const batch = bodies.slice(i, i + 10);
      await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queue === 'queue' ? urls.queueUrl : urls.dlqUrl,
          Entries: batch.map((body, j) => ({ Id: String(j), MessageBody: body })),
        }),
      );
    }
  }
  writeFileSync(taken, '');
  renameSync(taken, `${path}.restored`);
  return entries.length;
}

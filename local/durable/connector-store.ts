import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { AbortedError, type HandOffTicket } from '../../functions/bridge';
import { FAILED_ATTEMPTS_ATTRIBUTE, priorFailures, withoutAttemptState } from '../../shared/pipeline/attempts';
import type { PipelineDeps } from '../../shared/pipeline/deps';
import type { SqsHandler } from '../poller';
import { RecordFile } from './record-file';
import { ensurePrivateDir, FILE_MODE } from './state-files';

/**
 * Message attribute that ties a record in the local SQS server to what keeps it safe: a RabbitMQ
 * delivery not yet acked (`d…`) or an entry of the connector's journal (`j…`).
 */
export const HOLD_ATTRIBUTE = 'local_hold';

/** A record that must wait longer than this leaves the in-memory queue for the journal, and its delivery is acked. */
export const LONG_WAIT_SECONDS = 120;

/**
 * A delivery held this long goes to the journal at its record's next retry, however short: RabbitMQ
 * closes a channel whose delivery stays unacked for 30 minutes (many short retries add up).
 */
export const MAX_HOLD_MS = 10 * 60_000;

/** What the connector's folder says about it, for `npm run redrive`. */
export interface ConnectorInfo {
  id: string;
  name: string;
  service: string;
}

export interface ConnectorStoreOptions {
  /** `<state dir>/queues/<queue name>`. */
  dir: string;
  info: ConnectorInfo;
  sqs: SQSClient;
  queueUrl: string;
  dlqUrl: string;
  /** Journal records in the SQS queue at once. @default 100 */
  window?: number;
  print?: (line: string) => void;
}

interface Hold {
  /** Records in the SQS queue that carry this hold. */
  count: number;
  /** When the hold began (ms epoch). */
  since: number;
  release: () => void;
  reject?: (error: Error) => void;
}

type Attributes = SQSRecord['messageAttributes'];

const stringAttributes = (attributes: Attributes | Message['MessageAttributes'] = {}): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    const text = 'stringValue' in value ? value.stringValue : (value as { StringValue?: string }).StringValue;
    if (name !== HOLD_ATTRIBUTE && typeof text === 'string') out[name] = text;
  }
  return out;
};

const holdOf = (attributes: Attributes | Message['MessageAttributes'] = {}): string | undefined => {
  const value = attributes[HOLD_ATTRIBUTE] as { stringValue?: string; StringValue?: string } | undefined;
  return value?.stringValue ?? value?.StringValue;
};

const toSqs = (attributes: Record<string, string>) =>
  Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));

/**
 * Makes one connector's in-memory SQS queue safe to lose. Every record in it is held by something
 * durable: its RabbitMQ delivery, acked only when the record is finished (the bridge's hand-off),
 * or an entry of the connector's journal (`journal.jsonl`, fsync'd), forgotten only when the
 * record it fed is finished. Records that wait long (a come-back, a quota wait, a retry beyond
 * {@link LONG_WAIT_SECONDS}) go to the journal, which feeds them back when due; dead letters go to
 * `dead-letters.jsonl`. A kill at any moment leaves every record in RabbitMQ or in those files.
 */
export class ConnectorStore {
  readonly journal: RecordFile;
  readonly deadLetters: RecordFile;
  readonly #holds = new Map<string, Hold>();
  /** Journal entries in the SQS queue now. */
  readonly #feeding = new Set<string>();
  /** Records the handler is working on, by receipt handle, and those it moved to the journal. */
  readonly #received = new Map<string, SQSRecord>();
  readonly #taken = new Set<string>();
  #deliveries = 0;
  #timer?: NodeJS.Timeout;
  #running = false;
  #dlqLoop?: Promise<void>;

  constructor(private readonly options: ConnectorStoreOptions) {
    ensurePrivateDir(options.dir);
    writeFileSync(join(options.dir, 'connector.json'), JSON.stringify(options.info) + '\n', { mode: FILE_MODE });
    this.journal = new RecordFile(join(options.dir, 'journal.jsonl'));
    this.deadLetters = new RecordFile(join(options.dir, 'dead-letters.jsonl'));
  }

  /** The bridge's hand-off for one delivery: its ack waits until the record is finished or journaled. */
  begin(): HandOffTicket {
    const token = `d${++this.#deliveries}`;
    let release!: () => void;
    let reject!: (error: Error) => void;
    const settled = new Promise<void>((resolve, fail) => ((release = resolve), (reject = fail)));
    // A rejection nobody awaits (a cancelled ticket) must not crash the process.
    settled.catch(() => undefined);
    this.#holds.set(token, { count: 1, since: Date.now(), release, reject });
    return { attributes: { [HOLD_ATTRIBUTE]: token }, settled, cancel: () => this.#holds.delete(token) };
  }

  /** Stops holding deliveries: their messages stay unacked, and RabbitMQ requeues them when the connection closes. */
  abort(): void {
    for (const [token, hold] of this.#holds)
      if (hold.reject) {
        hold.reject(new AbortedError('stopping'));
        this.#holds.delete(token);
      }
  }

  /** The poller deleted these records from the queue: each is finished (or now kept elsewhere). */
  finished(records: Array<{ messageAttributes?: Attributes }>): void {
    for (const record of records) this.#release(holdOf(record.messageAttributes));
  }

  /** The handler, wrapped so that records it sends to the journal count as done (the poller deletes them). */
  wrapHandler(handler: SqsHandler): SqsHandler {
    return async (event, context) => {
      for (const r of event.Records) this.#received.set(r.receiptHandle, r);
      let response: SQSBatchResponse;
      try {
        response = await handler(event, context);
      } finally {
        for (const r of event.Records) this.#received.delete(r.receiptHandle);
      }
      const taken = new Set(event.Records.filter((r) => this.#taken.delete(r.receiptHandle)).map((r) => r.messageId));
      return { batchItemFailures: (response?.batchItemFailures ?? []).filter((f) => !taken.has(f.itemIdentifier)) };
    };
  }

  /**
   * The pipeline's dependencies with a durable wait: a copy sent again (come-back, quota wait) goes
   * to the journal, and so does a record whose retry is further away than {@link LONG_WAIT_SECONDS}
   * or whose delivery has been held longer than {@link MAX_HOLD_MS}.
   */
  wrapDeps(deps: PipelineDeps): PipelineDeps {
    return {
      ...deps,
      sendAgain: async ({ body, attributes: { [HOLD_ATTRIBUTE]: _hold, ...attributes } }, delaySeconds) => {
        this.#keep(body, attributes, delaySeconds);
      },
      changeVisibility: async (receiptHandle, queueArn, seconds) => {
        const record = this.#received.get(receiptHandle);
        const hold = record && this.#holds.get(holdOf(record.messageAttributes) ?? '');
        const heldLong = hold !== undefined && Date.now() - hold.since > MAX_HOLD_MS;
        if (!record || (seconds <= LONG_WAIT_SECONDS && !heldLong)) return deps.changeVisibility(receiptHandle, queueArn, seconds);
        // This delivery failed: the copy counts it, as a waiting copy counts the failures before it.
        const attributes = withoutAttemptState(stringAttributes(record.messageAttributes));
        const failures = priorFailures(stringAttributes(record.messageAttributes)) + Number(record.attributes.ApproximateReceiveCount || 1);
        this.#keep(record.body, { ...attributes, [FAILED_ATTEMPTS_ATTRIBUTE]: String(failures) }, seconds);
        this.#taken.add(receiptHandle);
      },
    };
  }

  /** Feeds due journal entries to the queue and moves dead letters to their file, until {@link stop}. */
  start(): void {
    this.#running = true;
    const tick = () => {
      void this.#feed().finally(() => {
        if (this.#running) this.#timer = setTimeout(tick, 500);
      });
    };
    tick();
    this.#dlqLoop = this.#drainDlq();
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#dlqLoop;
  }

  close(): void {
    this.journal.close();
    this.deadLetters.close();
  }

  #keep(body: string, attributes: Record<string, string>, delaySeconds: number): void {
    this.journal.add({ id: randomUUID(), due: Date.now() + delaySeconds * 1000, body, attributes });
  }

  #release(token: string | undefined): void {
    const hold = token === undefined ? undefined : this.#holds.get(token);
    if (!hold || --hold.count > 0) return;
    this.#holds.delete(token!);
    hold.release();
  }

  async #feed(): Promise<void> {
    const room = (this.options.window ?? 100) - this.#feeding.size;
    if (room <= 0) return;
    const ids = this.journal.due(Date.now(), room, this.#feeding);
    for (let i = 0; i < ids.length; i += 10) {
      const batch = ids.slice(i, i + 10).flatMap((id) => {
        const record = this.journal.read(id);
        return record ? [record] : [];
      });
      for (const r of batch) {
        this.#feeding.add(r.id);
        this.#holds.set(`j${r.id}`, {
          count: 1,
          since: Date.now(),
          release: () => {
            this.journal.done(r.id);
            this.#feeding.delete(r.id);
          },
        });
      }
      try {
        const output = await this.options.sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: this.options.queueUrl,
            Entries: batch.map((r, j) => ({
              Id: String(j),
              MessageBody: r.body,
              MessageAttributes: toSqs({ ...r.attributes, [HOLD_ATTRIBUTE]: `j${r.id}` }),
            })),
          }),
        );
        const accepted = new Set((output.Successful ?? []).map((s) => Number(s.Id)));
        batch.forEach((r, j) => accepted.has(j) || this.#unfeed(r.id));
      } catch (error) {
        batch.forEach((r) => this.#unfeed(r.id));
        this.options.print?.(`[${this.options.info.name}] cannot feed the journal to the queue: ${(error as Error).message}`);
        return;
      }
    }
  }

  #unfeed(id: string): void {
    this.#holds.delete(`j${id}`);
    this.#feeding.delete(id);
  }

  /** What the queue's redrive moved to the in-memory DLQ goes to `dead-letters.jsonl`, then leaves the DLQ. */
  async #drainDlq(): Promise<void> {
    while (this.#running) {
      try {
        const { Messages = [] } = await this.options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.options.dlqUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            MessageAttributeNames: ['All'],
          }),
        );
        if (Messages.length === 0) continue;
        this.deadLetters.add(
          ...Messages.map((m) => ({
            id: randomUUID(),
            due: Date.now(),
            body: m.Body ?? '',
            attributes: stringAttributes(m.MessageAttributes),
          })),
        );
        await this.options.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: this.options.dlqUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
        for (const m of Messages) this.#release(holdOf(m.MessageAttributes));
        this.options.print?.(
          `[${this.options.info.name}] ${Messages.length} message(s) dead-lettered: ${this.deadLetters.size} in ${this.deadLetters.path} (npm run redrive puts them back)`,
        );
      } catch (error) {
        if (!this.#running) return;
        this.options.print?.(`[${this.options.info.name}] cannot read the dead-letter queue: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}

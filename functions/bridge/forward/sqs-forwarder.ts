import { setMaxListeners } from 'node:events';
import { SendMessageBatchCommand, type SendMessageBatchCommandOutput, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../../../shared/logging';
import type { BackoffOptions } from '../../../shared/retry/backoff';
import { retryWithBackoff, waitBeforeRetry } from '../time/retry';
import { BatchBuffer } from './batch-buffer';
import type { ClaimCheckStore } from './claim-check-store';
import { systemClock, type Clock } from '../time/clock';
import { AbortedError, ForwardFailedError, MessageTooLargeError } from '../errors';
import { Semaphore } from './semaphore';
import { entryBytes, MESSAGE_ATTRIBUTES, messageAttributes, toSqsAttributes } from './message-attributes';

export interface SqsForwarderOptions {
  sqs: SQSClient;
  /** Where bodies above `maxMessageBytes` go; without one they are refused with {@link MessageTooLargeError}. */
  claimCheck?: ClaimCheckStore;
  /** How long a partial batch waits for more messages. @default 5 */
  lingerMs?: number;
  /** Largest entry, and largest batch, in bytes. @default 262144 */
  maxMessageBytes?: number;
  /** `SendMessageBatch` calls in flight at once. @default 16 */
  maxConcurrentBatches?: number;
  /** Delays between attempts of a refused entry. */
  backoff?: BackoffOptions;
  /** Attempts per message before `forward` rejects. The bridge never gives up. @default Infinity */
  maxAttempts?: number;
  clock?: Clock;
  logger?: Logger;
  /** Told of every refused attempt, for the counters. */
  onRefused?: (connectorId: string, reason: string) => void;
}

/** How a message reached SQS: as it was, or as a claim-check pointer. */
export type ForwardOutcome = 'sent' | 'claim-checked';

interface Item {
  connectorId: string;
  body: string;
  attributes: Record<string, string>;
  bytes: number;
  attempts: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Sends message bodies, unchanged, to SQS with `SendMessageBatch`: up to 10 entries per call
 * within the size limit, after a short linger to fill batches. `forward` resolves only once SQS
 * accepted the entry, which is when the caller may ack; a refused entry is retried with backoff.
 */
export class SqsForwarder {
  readonly #options: Required<Pick<SqsForwarderOptions, 'lingerMs' | 'maxMessageBytes' | 'maxConcurrentBatches' | 'maxAttempts'>> &
    SqsForwarderOptions;
  readonly #clock: Clock;
  readonly #batches: BatchBuffer<Item>;
  readonly #abort = new AbortController();
  readonly #slots: Semaphore;

  constructor(options: SqsForwarderOptions) {
    this.#options = { lingerMs: 5, maxMessageBytes: 256 * 1024, maxConcurrentBatches: 16, maxAttempts: Infinity, ...options };
    this.#clock = options.clock ?? systemClock;
    this.#slots = new Semaphore(this.#options.maxConcurrentBatches);
    this.#batches = new BatchBuffer<Item>({
      lingerMs: this.#options.lingerMs,
      maxBytes: this.#options.maxMessageBytes,
      clock: this.#clock,
      onBatch: (queueUrl, items) => void this.#send(queueUrl, items),
    });
    // Every waiting retry and every request listens for the abort: hundreds at once are expected.
    setMaxListeners(0, this.#abort.signal);
  }

  /**
   * Resolves once SQS accepted `body` on `queueUrl`, sent with the bridge's attributes plus `extra`;
   * rejects only when aborted or out of attempts.
   */
  async forward(queueUrl: string, connectorId: string, body: string, extra?: Record<string, string>): Promise<ForwardOutcome> {
    if (this.#abort.signal.aborted) throw new AbortedError('forwarder stopped');
    const attributes = { ...extra, ...messageAttributes(connectorId, body) };
    let outcome: ForwardOutcome = 'sent';
    if (entryBytes(body, attributes) > this.#options.maxMessageBytes) {
      body = await this.#claimCheck(connectorId, body, attributes);
      outcome = 'claim-checked';
    }
    await new Promise<void>((resolve, reject) => {
      this.#enqueue(queueUrl, { connectorId, body, attributes, bytes: entryBytes(body, attributes), attempts: 0, resolve, reject });
    });
    return outcome;
  }

  /** Sends every partial batch now (shutdown) instead of waiting out the linger. */
  flush(): void {
    this.#batches.releaseAll();
  }

  /** Stops retrying: every message not yet accepted rejects with {@link AbortedError}. */
  abort(): void {
    this.#abort.abort();
    for (const item of this.#batches.takeAll()) item.reject(new AbortedError('forwarder stopped'));
  }

  async #claimCheck(connectorId: string, body: string, attributes: Record<string, string>): Promise<string> {
    const store = this.#options.claimCheck;
    if (!store)
      throw new MessageTooLargeError(
        `message of ${Buffer.byteLength(body)} bytes for connector ${connectorId} exceeds ${this.#options.maxMessageBytes} bytes and no claim-check store is configured (BRIDGE_CLAIM_CHECK_BUCKET or BRIDGE_CLAIM_CHECK_DIR)`,
      );
    const pointer = await retryWithBackoff(() => store.put(connectorId, body), {
      maxAttempts: this.#options.maxAttempts,
      backoff: this.#options.backoff,
      clock: this.#clock,
      signal: this.#abort.signal,
      onError: (error) => {
        this.#options.onRefused?.(connectorId, `claim check failed: ${error.message}`);
        this.#options.logger?.warn('claim check store failed', { connectorId, error: `${error.name}: ${error.message}` });
      },
    }).catch((error: Error) => {
      throw error instanceof AbortedError ? error : new ForwardFailedError(`claim check failed: ${error.message}`, { cause: error });
    });
    // The pipeline honours the attribute only, which no sender can set; the body says the same for people reading a queue.
    attributes[MESSAGE_ATTRIBUTES.claimCheck] = JSON.stringify(pointer);
    return JSON.stringify({ claim_check: pointer });
  }

  #enqueue(queueUrl: string, item: Item): void {
    if (this.#abort.signal.aborted) return item.reject(new AbortedError('forwarder stopped'));
    this.#batches.add(queueUrl, item);
  }

  async #send(queueUrl: string, items: Item[]): Promise<void> {
    await this.#slots.acquire();
    let output: SendMessageBatchCommandOutput;
    try {
      const Entries = items.map((item, i) => ({
        Id: String(i),
        MessageBody: item.body,
        MessageAttributes: toSqsAttributes(item.attributes),
      }));
      output = await this.#options.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries }), {
        abortSignal: this.#abort.signal,
      });
    } catch (error) {
      const reason = `SendMessageBatch failed: ${(error as Error).name}: ${(error as Error).message}`;
      this.#options.logger?.warn('SQS unavailable, keeping messages unacked and retrying', { queueUrl, entries: items.length, reason });
      for (const item of items) this.#retry(queueUrl, item, reason);
      return;
    } finally {
      this.#slots.release();
    }
    const settled = new Set<number>();
    for (const entry of output.Successful ?? []) {
      settled.add(Number(entry.Id));
      items[Number(entry.Id)]?.resolve();
    }
    const failed = output.Failed ?? [];
    if (failed.length > 0)
      this.#options.logger?.warn('SQS refused entries, retrying them', {
        queueUrl,
        refused: failed.length,
        codes: [...new Set(failed.map((f) => f.Code))],
      });
    for (const entry of failed) {
      settled.add(Number(entry.Id));
      const reason = `SQS refused the entry: ${entry.Code ?? 'unknown'} ${entry.Message ?? ''}`.trim();
      const item = items[Number(entry.Id)];
      if (item && entry.Code === 'InvalidMessageContents' && this.#options.claimCheck && !item.attributes[MESSAGE_ATTRIBUTES.claimCheck]) {
        // Characters SQS does not take would be refused forever: send the body by claim check instead.
        this.#claimCheck(item.connectorId, item.body, item.attributes).then((pointer) => {
          Object.assign(item, { body: pointer, bytes: entryBytes(pointer, item.attributes) });
          this.#enqueue(queueUrl, item);
        }, item.reject);
      } else if (item) this.#retry(queueUrl, item, reason);
    }
    // An entry SQS reported neither way was not accepted: send it again.
    items.forEach((item, i) => settled.has(i) || this.#retry(queueUrl, item, 'SQS did not report the entry'));
  }

  #retry(queueUrl: string, item: Item, reason: string): void {
    item.attempts += 1;
    this.#options.onRefused?.(item.connectorId, reason);
    if (this.#abort.signal.aborted) return item.reject(new AbortedError('forwarder stopped'));
    if (item.attempts >= this.#options.maxAttempts)
      return item.reject(new ForwardFailedError(`${reason} (after ${item.attempts} attempts)`));
    waitBeforeRetry(this.#clock, item.attempts - 1, this.#options.backoff, this.#abort.signal).then(
      () => this.#enqueue(queueUrl, item),
      (error: Error) => item.reject(error),
    );
  }
}

import type { Clock } from '../time/clock';

/** SQS takes at most 10 entries per `SendMessageBatch`. */
export const MAX_BATCH_ENTRIES = 10;

export interface BatchBufferOptions<T> {
  /** How long a partial batch waits for more items; 0 sends each item at once. */
  lingerMs: number;
  /** Largest batch in bytes (SQS limits the whole batch to the size of one message). */
  maxBytes: number;
  clock: Clock;
  /** Receives each full, oversize-bound or lingered batch. */
  onBatch: (queueUrl: string, items: T[]) => void;
}

/**
 * Groups items per queue into batches of up to 10 entries within the byte limit, releasing a
 * batch when it is full or its linger ran out.
 */
export class BatchBuffer<T extends { bytes: number }> {
  readonly #pending = new Map<string, { items: T[]; bytes: number; timer?: unknown }>();

  constructor(private readonly options: BatchBufferOptions<T>) {}

  add(queueUrl: string, item: T): void {
    let batch = this.#pending.get(queueUrl);
    if (batch && batch.bytes + item.bytes > this.options.maxBytes) {
      this.release(queueUrl);
      batch = undefined;
    }
    if (!batch) this.#pending.set(queueUrl, (batch = { items: [], bytes: 0 }));
    batch.items.push(item);
    batch.bytes += item.bytes;
    if (batch.items.length >= MAX_BATCH_ENTRIES || this.options.lingerMs <= 0) this.release(queueUrl);
    else batch.timer ??= this.options.clock.setTimeout(() => this.release(queueUrl), this.options.lingerMs);
  }

  /** Hands over the partial batch of one queue now. */
  release(queueUrl: string): void {
    const batch = this.#pending.get(queueUrl);
    if (!batch) return;
    this.options.clock.clearTimeout(batch.timer);
    this.#pending.delete(queueUrl);
    if (batch.items.length > 0) this.options.onBatch(queueUrl, batch.items);
  }

  /** Hands over every partial batch now (shutdown). */
  releaseAll(): void {
    for (const queueUrl of [...this.#pending.keys()]) this.release(queueUrl);
  }

  /** Takes every pending item back without sending it (abort). */
  takeAll(): T[] {
    const items = [...this.#pending.values()].flatMap((batch) => {
      this.options.clock.clearTimeout(batch.timer);
      return batch.items;
    });
    this.#pending.clear();
    return items;
  }
}

import { LRUCache } from 'lru-cache';
import { encodeAnswer } from './answer-encoding';
import type { CachedAnswer } from './quota-store';

/** Bounds of the in-process answer cache; the least recently used answers go first. */
export interface MemoryCacheLimits {
  /** @default 10_000 */
  maxEntries?: number;
  /** Total size of the cached answers' JSON. @default 67_108_864 (64 MiB) */
  maxTotalBytes?: number;
}

interface Entry {
  json: string;
  bytes: number;
  storedAt: number;
  validUntil: number;
}

/** Vendor answers in a bounded LRU, expired by the injected clock. */
export class MemoryResultCache {
  private readonly lru: LRUCache<string, Entry>;

  constructor(
    private readonly now: () => number,
    private readonly maxAnswerBytes: number,
    limits: MemoryCacheLimits = {},
  ) {
    this.lru = new LRUCache<string, Entry>({
      max: limits.maxEntries ?? 10_000,
      maxSize: limits.maxTotalBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
    });
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    const entry = this.lru.get(key);
    if (entry === undefined) return undefined;
    const now = this.now();
    if (now >= entry.validUntil) {
      this.lru.delete(key);
      return undefined;
    }
    return { value: JSON.parse(entry.json), storedAt: entry.storedAt, ageMs: now - entry.storedAt };
  }

  async put(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    const json = encodeAnswer(value, ttlSeconds, this.maxAnswerBytes);
    if (json === undefined) return false;
    const storedAt = this.now();
    this.lru.set(key, { json, bytes: Buffer.byteLength(json, 'utf8'), storedAt, validUntil: storedAt + ttlSeconds * 1000 });
    return this.lru.has(key);
  }
}

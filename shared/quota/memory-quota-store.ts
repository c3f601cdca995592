import { DEFAULT_MAX_ANSWER_BYTES } from './answer-encoding';
import { MemoryResultCache, type MemoryCacheLimits } from './memory-result-cache';
import { MemoryStateCell } from './memory-state-cell';
import { QuotaGate } from './quota-gate';
import type { AcquireResult, CachedAnswer, CallPriority, QuotaPolicy, QuotaStore, QuotaStoreOptions, QuotaUsage } from './quota-store';

export interface MemoryQuotaStoreOptions extends QuotaStoreOptions {
  /** Bounds of the answer cache. */
  cache?: MemoryCacheLimits;
}

/**
 * A {@link QuotaStore} for one process (`npm start`): every worker of the process shares one
 * instance. Nothing survives a restart.
 */
export class MemoryQuotaStore implements QuotaStore {
  private readonly gate: QuotaGate;
  private readonly cache: MemoryResultCache;

  constructor(options: MemoryQuotaStoreOptions = {}) {
    const now = options.now ?? Date.now;
    this.gate = new QuotaGate(new MemoryStateCell(now), options);
    this.cache = new MemoryResultCache(now, options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES, options.cache);
  }

  acquire(connector: string, policy: QuotaPolicy, priority: CallPriority): Promise<AcquireResult> {
    return this.gate.acquire(connector, policy, priority);
  }

  pause(connector: string, untilMs?: number): Promise<number> {
    return this.gate.pause(connector, untilMs);
  }

  resume(connector: string, probe: string): Promise<void> {
    return this.gate.resume(connector, probe);
  }

  usage(connector: string, policy: QuotaPolicy): Promise<QuotaUsage> {
    return this.gate.usage(connector, policy);
  }

  getCached(key: string): Promise<CachedAnswer | undefined> {
    return this.cache.get(key);
  }

  putCached(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    return this.cache.put(key, value, ttlSeconds);
  }
}

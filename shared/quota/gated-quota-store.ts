import type { QuotaGate } from './quota-gate';
import type { AcquireResult, CachedAnswer, CallPriority, QuotaPolicy, QuotaStore, QuotaUsage } from './quota-store';

/** Where a store keeps vendor answers: in the process, or in the quota table. */
export interface ResultCache {
  get(key: string): Promise<CachedAnswer | undefined>;
  put(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
}

/** A {@link QuotaStore} made of a gate (windows and pause, over a state cell) and an answer cache; the subclass picks both. */
export abstract class GatedQuotaStore implements QuotaStore {
  protected constructor(
    private readonly gate: QuotaGate,
    private readonly cache: ResultCache,
  ) {}

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

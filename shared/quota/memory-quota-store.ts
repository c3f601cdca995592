import { DEFAULT_MAX_ANSWER_BYTES } from './answer-encoding';
import { MemoryResultCache, type MemoryCacheLimits } from './memory-result-cache';
import { MemoryStateCell } from './memory-state-cell';
import { QuotaGate } from './quota-gate';
import { GatedQuotaStore } from './gated-quota-store';
import type { QuotaStoreOptions } from './quota-store';

export interface MemoryQuotaStoreOptions extends QuotaStoreOptions {
  /** Bounds of the answer cache. */
  cache?: MemoryCacheLimits;
}

/**
 * A {@link QuotaStore} for one process (`npm start`): every worker of the process shares one
 * instance. Nothing survives a restart.
 */
export class MemoryQuotaStore extends GatedQuotaStore {
  constructor(options: MemoryQuotaStoreOptions = {}) {
    const now = options.now ?? Date.now;
    super(
      new QuotaGate(new MemoryStateCell(now), options),
      new MemoryResultCache(now, options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES, options.cache),
    );
  }
}

import type { PauseBackoff } from './circuit';
import type { RateWindow } from './rate-limit';

/** Who asked: a user's "Enrich" click (`manual`) or auto-enrichment and playbooks (`auto`). */
export type CallPriority = 'auto' | 'manual';

/** A connector's limits, parsed once from its settings. */
export interface QuotaPolicy {
  /** The rate-limit windows, all enforced at once; empty for no limit. */
  windows: readonly RateWindow[];
  /**
   * Share of each window kept for manual calls: auto may use {@link autoLimit} calls of a window,
   * manual the whole window. From 0 to below 1.
   * @default 0.2
   */
  manualReserve?: number;
}

/** A vendor call may go now. */
export interface CallGranted {
  granted: true;
  /** When the call was counted (ms epoch). */
  at: number;
  /**
   * Set when this call probes the vendor after a pause: report its success with
   * {@link QuotaStore.resume} (its 429 with {@link QuotaStore.pause}); the other callers wait meanwhile.
   */
  probe?: string;
}

/** No vendor call now; try again at `retryAt` (ms epoch). Nothing was counted. */
export type CallRefused =
  | {
      granted: false;
      /** A window is full (for this priority). */
      reason: 'window';
      /** The window that refused (`4/m`), the one that frees up last when several are full. */
      window: string;
      /** The calls this priority may make in that window (3 for auto under `4/m` with a 20% reserve). */
      limit: number;
      retryAt: number;
    }
  | {
      granted: false;
      /** `paused`: the vendor asked to slow down; `probing`: another caller is checking whether it recovered. */
      reason: 'paused' | 'probing';
      retryAt: number;
    };

export type AcquireResult = CallGranted | CallRefused;

/** One window's state, for a health page. */
export interface WindowUsage {
  window: string;
  used: number;
  /** Calls a manual enrichment may make (the window's count). */
  limit: number;
  /** Calls auto-enrichment may make. */
  autoLimit: number;
  /** When the oldest counted call leaves the window (ms epoch); undefined when nothing is counted. */
  resetsAt?: number;
}

/** A connector's quota state, for a health page. */
export interface QuotaUsage {
  windows: WindowUsage[];
  /** Set while the vendor's pause runs (ms epoch). */
  pausedUntil?: number;
  /** Whether a probe is under way after a pause. */
  probing: boolean;
}

/** A cached vendor answer. */
export interface CachedAnswer {
  /** The answer as stored (a fresh copy: parsed from its JSON). */
  value: unknown;
  /** When it was stored (ms epoch). */
  storedAt: number;
  ageMs: number;
}

/**
 * Quota governance shared by every worker of a connector: rate-limit windows with a manual
 * reserve, a vendor pause with a half-open probe, and a cache of vendor answers.
 * {@link MemoryQuotaStore} serves one process, {@link DynamoQuotaStore} every Lambda.
 */
export interface QuotaStore {
  /** Takes one call slot under every window of `policy`, unless the vendor is paused or a window is full. */
  acquire(connector: string, policy: QuotaPolicy, priority: CallPriority): Promise<AcquireResult>;
  /**
   * The vendor answered 429 or "quota exceeded": pauses every worker until `untilMs` (its
   * Retry-After), or for a backoff that doubles with each pause in a row when it gave none.
   * A probe's failure is reported the same way. Returns the pause's end (ms epoch).
   */
  pause(connector: string, untilMs?: number): Promise<number>;
  /** The probe `probe` (from {@link CallGranted.probe}) succeeded: every worker may call again. */
  resume(connector: string, probe: string): Promise<void>;
  /** Read-only view of the windows and the pause. */
  usage(connector: string, policy: QuotaPolicy): Promise<QuotaUsage>;
  /** The answer cached under `key` (see {@link cacheKey}) if younger than its TTL. */
  getCached(key: string): Promise<CachedAnswer | undefined>;
  /**
   * Caches a JSON-serialisable answer for `ttlSeconds`. Returns false when not cached: TTL 0 (cache
   * off) or an answer larger than the store takes (350 KB by default).
   */
  putCached(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
}

/** Options both stores take. */
export interface QuotaStoreOptions {
  /** @default Date.now */
  now?: () => number;
  /** How long a probe may take before another caller probes instead. @default 30_000 */
  probeLeaseMs?: number;
  /** @default DEFAULT_PAUSE_BACKOFF (10 s doubling up to 15 min) */
  pauseBackoff?: PauseBackoff;
  /** Larger answers are not cached. @default 358_400 (350 KB, under DynamoDB's 400 KB item limit) */
  maxAnswerBytes?: number;
}

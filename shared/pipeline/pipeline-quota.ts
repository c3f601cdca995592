import type { QuotaExhaustedPolicy, QuotaSettings } from '../config/quota-settings';
import type { QuotaPolicy, QuotaStore } from '../quota/quota-store';

/** What a joined lookup gets from the call it joined: the vendor's answer (undefined: no data). */
export interface SharedAnswer {
  result: unknown;
}

/**
 * Quota governance of one connector (shared/quota), built once per container or local connector:
 * the store every worker shares, the connector's settings, and the vendor calls under way in this
 * process.
 */
export interface PipelineQuota {
  store: QuotaStore;
  /** The connector's windows (`<SERVICE>_RATE_LIMIT`) and manual reserve. */
  policy: QuotaPolicy;
  /** `<SERVICE>_CACHE_TTL`; 0: answers are neither cached nor shared. */
  cacheTtlSeconds: number;
  /** `<SERVICE>_MANUAL_BYPASS_CACHE`. */
  manualBypassCache: boolean;
  /** `<SERVICE>_SKIP_PRIVATE_ADDRESSES`. */
  skipPrivateAddresses: boolean;
  /** `<SERVICE>_ON_QUOTA_EXHAUSTED`. */
  onExhausted: QuotaExhaustedPolicy;
  /** Setting names, for messages that say what to change. */
  variables: { onExhausted: string };
  /**
   * Vendor calls under way in this process, by cache key: a record looking up the same entity
   * meanwhile waits for that answer instead of spending a call of the quota on it.
   */
  inFlight: Map<string, Promise<SharedAnswer | undefined>>;
}

/** The pipeline's quota governance from a connector's parsed settings and the store. */
export function pipelineQuota(settings: QuotaSettings, store: QuotaStore, envPrefix: string): PipelineQuota {
  return {
    store,
    policy: { windows: settings.rateLimit, manualReserve: settings.manualReserve },
    cacheTtlSeconds: settings.cacheTtlSeconds,
    manualBypassCache: settings.manualBypassCache,
    skipPrivateAddresses: settings.skipPrivateAddresses,
    onExhausted: settings.onQuotaExhausted,
    variables: { onExhausted: `${envPrefix}_ON_QUOTA_EXHAUSTED` },
    inFlight: new Map(),
  };
}

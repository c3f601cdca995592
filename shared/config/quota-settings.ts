import * as z from 'zod';
import { DEFAULT_MANUAL_RESERVE, MANUAL_RESERVE_EXPECTED, manualReserveSetting } from '../quota/manual-reserve';
import { RATE_LIMIT_EXPECTED, rateLimitSetting, type RateWindow } from '../quota/rate-limit';
import { booleanSetting, integerSetting, lowerEnum } from './coerce';
import type { ConfigProblem } from './errors';
import type { ConfigSource } from './raw-value';
import { readSetting } from './settings';

/** What `<SERVICE>_ON_QUOTA_EXHAUSTED` allows: wait for the quota to come back, or end the work in error at once. */
export type QuotaExhaustedPolicy = 'wait' | 'fail';

/** A connector's quota governance settings, parsed once at start (see shared/quota). */
export interface QuotaSettings {
  /** `<SERVICE>_RATE_LIMIT`: the windows every worker of the connector shares; empty for none. */
  rateLimit: RateWindow[];
  /** `<SERVICE>_MANUAL_RESERVE`: share of each window kept for manual enrichments (0 to below 1). */
  manualReserve: number;
  /** `<SERVICE>_CACHE_TTL`: seconds a vendor answer is reused; 0 disables the cache. */
  cacheTtlSeconds: number;
  /** `<SERVICE>_MANUAL_BYPASS_CACHE`: a manual enrichment asks the vendor even when an answer is cached. */
  manualBypassCache: boolean;
  /** `<SERVICE>_SKIP_PRIVATE_ADDRESSES`: addresses no vendor can know (private, loopback, documentation...) are never sent. */
  skipPrivateAddresses: boolean;
  /** `<SERVICE>_ON_QUOTA_EXHAUSTED`: what a record does when the quota keeps it waiting beyond one SQS delay (15 minutes). */
  onQuotaExhausted: QuotaExhaustedPolicy;
}

/** The defaults a service declares (its `ServiceDefinition`); absent ones mean no limit and no cache. */
export interface QuotaDefaults {
  /** The vendor's documented limits, as `<SERVICE>_RATE_LIMIT` takes them. @default 'none' */
  defaultRateLimit?: string;
  /** @default 0 (not cached) */
  defaultCacheTtlSeconds?: number;
}

/** One year: a longer cache lifetime is surely a typo (and DynamoDB's TTL would outlive any plan). */
const MAX_CACHE_TTL_SECONDS = 31_536_000;

/**
 * Reads the `<prefix>_*` quota settings (env, then `<section>.*` in config.yml, then the service's
 * default), recording problems instead of throwing so every bad setting is reported at once.
 */
export function readQuotaSettings(
  source: ConfigSource,
  prefix: string,
  defaults: QuotaDefaults,
  problems: ConfigProblem[],
): QuotaSettings | undefined {
  const section = prefix.toLowerCase();
  const read = <T>(key: string, schema: z.ZodType<T>, expected: string, def: T) =>
    readSetting(
      source,
      { variable: `${prefix}_${key.toUpperCase()}`, path: `${section}.${key}`, schema, expected, default: def },
      problems,
    );

  const rateLimit = read('rate_limit', rateLimitSetting, RATE_LIMIT_EXPECTED, rateLimitSetting.parse(defaults.defaultRateLimit ?? 'none'));
  const manualReserve = read('manual_reserve', manualReserveSetting, MANUAL_RESERVE_EXPECTED, DEFAULT_MANUAL_RESERVE);
  const cacheTtlSeconds = read(
    'cache_ttl',
    integerSetting.min(0).max(MAX_CACHE_TTL_SECONDS),
    'a number of seconds from 0 (no cache) to 31536000 (a year)',
    defaults.defaultCacheTtlSeconds ?? 0,
  );
  const manualBypassCache = read('manual_bypass_cache', booleanSetting, 'true or false', false);
  const skipPrivateAddresses = read('skip_private_addresses', booleanSetting, 'true or false', true);
  const onQuotaExhausted = read(
    'on_quota_exhausted',
    lowerEnum(['wait', 'fail']),
    'wait (records wait for the quota, several SQS hops if need be) or fail (the work ends in error at once)',
    'wait' as QuotaExhaustedPolicy,
  );
  if (
    rateLimit === undefined ||
    manualReserve === undefined ||
    cacheTtlSeconds === undefined ||
    manualBypassCache === undefined ||
    skipPrivateAddresses === undefined ||
    onQuotaExhausted === undefined
  )
    return undefined;
  return { rateLimit, manualReserve, cacheTtlSeconds, manualBypassCache, skipPrivateAddresses, onQuotaExhausted };
}

/**
 * Quota governance for vendor calls, shared by every worker of a connector.
 *
 * Wiring, per record (settings parsed once at start with {@link rateLimitSetting} and
 * {@link manualReserveSetting}; one store per process: {@link MemoryQuotaStore} for `npm start`,
 * {@link DynamoQuotaStore} in Lambda):
 *
 * 1. `nonPublicRange(value)`: when set, do not call the vendor ("10.0.0.1 is a private address").
 * 2. `getCached(cacheKey({ service, entityType, value }))`: when found, map `value` again; say its `ageMs`.
 * 3. `acquire(connector, policy, priority)`: when refused, wait until `retryAt` (SQS visibility)
 *    and say why (`reason`, `window`); waiting is not a failed attempt.
 * 4. Call the vendor. On 429 or a quota answer: `pause(connector, untilMs)` (the Retry-After as
 *    a time; nothing when the vendor gave none). On success of a grant that carried `probe`:
 *    `resume(connector, probe)`. Other failures need nothing: a probe's lease runs out and
 *    another caller probes.
 * 5. `putCached(key, answer, ttlSeconds)`. A record that waited for its turn looks the cache up
 *    again first: another worker may have cached the same answer meanwhile.
 *
 * @packageDocumentation
 */
export { QuotaContentionError, QuotaError, QuotaStoreError } from './errors';
export { RATE_LIMIT_EXPECTED, formatRateLimit, parseRateLimit, rateLimitSetting, type RateWindow } from './rate-limit';
export { DEFAULT_MANUAL_RESERVE, MANUAL_RESERVE_EXPECTED, autoLimit, manualReserveSetting } from './manual-reserve';
export { DEFAULT_PAUSE_BACKOFF, type PauseBackoff } from './circuit';
export type {
  AcquireResult,
  CachedAnswer,
  CallGranted,
  CallPriority,
  CallRefused,
  QuotaPolicy,
  QuotaStore,
  QuotaStoreOptions,
  QuotaUsage,
  WindowUsage,
} from './quota-store';
export { DEFAULT_MAX_ANSWER_BYTES } from './answer-encoding';
export { MemoryQuotaStore, type MemoryQuotaStoreOptions } from './memory-quota-store';
export type { MemoryCacheLimits } from './memory-result-cache';
export { DynamoQuotaStore, type DynamoQuotaStoreOptions } from './dynamo-quota-store';
export type { ContentionOptions } from './dynamo-state-cell';
export { QUOTA_TABLE, cacheItemKey, quotaItemKey, quotaTableLeadingKeys } from './dynamo-table';
export { cacheKey, type CacheKeyParts } from './cache-key';
export { nonPublicRange, type NonPublicRange } from './non-public-address';

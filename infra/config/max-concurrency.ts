import { parseRateLimit } from '../../shared/quota/rate-limit';

/** Seconds one invocation is expected to spend per vendor lookup (request, mapping, publishing). */
export const EXPECTED_LOOKUP_SECONDS = 2;
/** Concurrency of a connector whose vendor documents no limit. */
export const UNLIMITED_MAX_CONCURRENCY = 10;
/** What the event source allows for `MaximumConcurrency`. */
export const MAX_CONCURRENCY_RANGE = [2, 1000] as const;

/**
 * The event source's `MaximumConcurrency` when the configuration sets none: enough concurrent
 * invocations to use the connector's tightest window, no more, so a burst of messages does not
 * start hundreds of functions that only wait for the quota.
 *
 * `ceil(min over windows of count / period in seconds × EXPECTED_LOOKUP_SECONDS)`, clamped to
 * [2, 1000]; {@link UNLIMITED_MAX_CONCURRENCY} without a limit. `4/m,500/d` → 2; `20/s` → 40.
 *
 * @param rateLimit - the connector's `<SERVICE>_RATE_LIMIT` (configured, else the service's default), e.g. `4/m,500/d` or `none`
 */
export function derivedMaxConcurrency(rateLimit: string | undefined, variable = 'RATE_LIMIT'): number {
  const windows = parseRateLimit(rateLimit ?? 'none', variable);
  if (windows.length === 0) return UNLIMITED_MAX_CONCURRENCY;
  const perSecond = Math.min(...windows.map((w) => (w.count * 1000) / w.periodMs));
  const [min, max] = MAX_CONCURRENCY_RANGE;
  return Math.min(max, Math.max(min, Math.ceil(perSecond * EXPECTED_LOOKUP_SECONDS)));
}

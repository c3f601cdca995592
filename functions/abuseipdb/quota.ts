import { httpFailureOf, parseRetryAfter, RetryableError, type ErrorContext } from '../../shared/service-kit';

/**
 * AbuseIPDB only has daily quotas, so its 429 means "today's checks are used up" and `Retry-After`
 * says when the quota resets (at most a day). Retrying then succeeds: the answer is rate-limited,
 * so the pipeline pauses the connector until then and the record waits (several SQS hops) instead
 * of spending its attempts; the entity is enriched after the reset and the work says why it waits.
 * The HTTP error is not kept as `cause`: it carries the request, key included.
 */
export function abuseIpdbQuotaError(error: unknown, ctx: ErrorContext): RetryableError | undefined {
  const failure = httpFailureOf(error);
  if (failure?.status !== 429) return undefined;
  const limit = failure.header('x-ratelimit-limit');
  return new RetryableError(`AbuseIPDB daily check quota${limit ? ` (${limit} a day)` : ''} is used up; retrying after it resets`, {
    retryAfterSeconds: parseRetryAfter(failure.header('retry-after'), ctx.nowMs),
    rateLimited: true,
  });
}

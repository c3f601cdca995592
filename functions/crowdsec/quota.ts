import { httpFailureOf, parseRetryAfter, RetryableError, type ErrorContext } from '../../shared/service-kit';

const DAY_MS = 86_400_000;

/**
 * CrowdSec answers 429 for two reasons, told apart by the body's `message`: "Too Many Requests"
 * (requests too close together: the generic rule retries soon) and "Limit Exceeded" (the key's
 * daily quota is used up, 50 lookups on the free Community key). Retrying a used-up quota soon
 * only fails again, so the message waits for the quota's next day (UTC) unless CrowdSec says when
 * (`Retry-After`). The HTTP error is not kept as `cause`: it carries the request, key included.
 */
export function crowdsecQuotaError(error: unknown, ctx: ErrorContext): RetryableError | undefined {
  const failure = httpFailureOf(error);
  if (failure?.status !== 429) return undefined;
  const body = failure.body as { message?: unknown } | undefined;
  if (typeof body?.message !== 'string' || !/limit exceeded/i.test(body.message)) return undefined;
  const untilNextDay = Math.ceil((DAY_MS - (ctx.nowMs % DAY_MS)) / 1000);
  return new RetryableError(`CrowdSec CTI quota of the key in ${ctx.keyVariable} is used up for today; retrying after it resets`, {
    retryAfterSeconds: parseRetryAfter(failure.header('retry-after'), ctx.nowMs) ?? untilNextDay,
  });
}

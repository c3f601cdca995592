import { httpFailureOf, NonRetryableError, parseRetryAfter, type ErrorContext } from '../../shared/service-kit';

/**
 * IPinfo has no per-second throttling; its 429 means the token's monthly request quota is used up,
 * which no retry within SQS's window can fix, so it ends the work in error naming the setting to
 * change. A 429 with `Retry-After` is a short throttle: left to the pipeline, which waits that long.
 */
export function ipInfoQuotaError(error: unknown, ctx: ErrorContext): NonRetryableError | undefined {
  const failure = httpFailureOf(error);
  if (failure?.status !== 429 || parseRetryAfter(failure.header('retry-after'), ctx.nowMs) !== undefined) return undefined;
  return new NonRetryableError(
    `ipinfo: the token's monthly request quota is used up (HTTP 429); upgrade the plan behind ${ctx.keyVariable} or wait for next month`,
  );
}

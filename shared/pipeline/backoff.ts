import { backoffDelayMs, type BackoffOptions } from '../retry/backoff';

/** SQS's longest visibility timeout. */
export const MAX_VISIBILITY_SECONDS = 43_200;

/**
 * The pipeline's retry delays from `PIPELINE_RETRY_BASE_SECONDS` and `_MAX_SECONDS`: doubling,
 * half of each delay fixed and half random, so retries spread out without coming much sooner
 * than the step.
 */
export function sqsRetryBackoff(baseSeconds: number, maxSeconds: number): BackoffOptions {
  return { initialMs: baseSeconds * 1000, maxMs: maxSeconds * 1000, spread: [0.5, 1] };
}

/**
 * Seconds to hide a message before its next attempt (`attempt` is its receive count, from 1):
 * the vendor's `Retry-After` when given, else the backoff's delay, within what SQS takes.
 */
export function retryDelaySeconds(attempt: number, backoff: BackoffOptions, random: () => number, retryAfter?: number): number {
  const seconds = retryAfter ?? Math.round(backoffDelayMs(attempt - 1, backoff, random) / 1000);
  return Math.min(MAX_VISIBILITY_SECONDS, Math.max(1, seconds));
}

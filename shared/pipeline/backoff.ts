/** SQS's longest visibility timeout. */
export const MAX_VISIBILITY_SECONDS = 43_200;

export interface BackoffOptions {
  /** Delay before the first retry. @default 30 */
  baseSeconds: number;
  /** Longest delay. @default 900 */
  maxSeconds: number;
}

/**
 * Seconds to hide a message before its next attempt: the vendor's `Retry-After` when given,
 * else exponential backoff with jitter (half fixed, half random) so retries spread out.
 */
export function retryDelaySeconds(attempt: number, options: BackoffOptions, random: () => number, retryAfter?: number): number {
  if (retryAfter !== undefined) return Math.min(MAX_VISIBILITY_SECONDS, Math.max(1, retryAfter));
  const ceiling = Math.min(options.maxSeconds, options.baseSeconds * 2 ** Math.max(0, attempt - 1));
  return Math.min(MAX_VISIBILITY_SECONDS, Math.max(1, Math.round(ceiling / 2 + (random() * ceiling) / 2)));
}

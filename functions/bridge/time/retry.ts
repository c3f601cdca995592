import { backoffDelayMs, type BackoffOptions } from '../../../shared/retry/backoff';
import { sleep, type Clock } from './clock';

/** The bridge's retries: 1 s, doubling up to 30 s, each ±20 % (the shared default spread). */
export const BRIDGE_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000 };

/**
 * Waits before retry number `retry` (0 for the first) on `clock`, or rejects with an AbortedError
 * as soon as `signal` aborts.
 */
export function waitBeforeRetry(
  clock: Clock,
  retry: number,
  backoff: BackoffOptions = BRIDGE_BACKOFF,
  signal?: AbortSignal,
): Promise<void> {
  return sleep(clock, Math.round(backoffDelayMs(retry, backoff)), signal);
}

/**
 * Runs `work` until it succeeds, waiting {@link waitBeforeRetry} between attempts; rethrows the
 * last error after `maxAttempts`, or an AbortedError as soon as `signal` aborts.
 */
export async function retryWithBackoff<T>(
  work: () => Promise<T>,
  options: {
    maxAttempts: number;
    backoff?: BackoffOptions;
    clock: Clock;
    signal: AbortSignal;
    onError?: (error: Error, attempt: number) => void;
  },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      options.onError?.(error as Error, attempt);
      if (attempt + 1 >= options.maxAttempts) throw error;
      await waitBeforeRetry(options.clock, attempt, options.backoff, options.signal);
    }
  }
}

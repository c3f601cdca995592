import { sleep, type Clock } from './clock';

/** Exponential backoff with jitter, used for every retry loop of the bridge. */
export interface BackoffOptions {
  /** First delay in milliseconds. @default 1000 */
  initialMs?: number;
  /** Largest delay in milliseconds. @default 30000 */
  maxMs?: number;
  /** Growth per attempt. @default 2 */
  factor?: number;
  /** Random spread, 0 to 1, so many connectors do not retry in step. @default 0.2 */
  jitter?: number;
}

/**
 * The delay before retry number `attempt` (0 for the first retry): `initialMs * factor^attempt`,
 * capped at `maxMs`, spread by up to `jitter` either way but never above `maxMs`.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const { initialMs = 1000, maxMs = 30_000, factor = 2, jitter = 0.2 } = options;
  const base = Math.min(maxMs, initialMs * Math.pow(factor, Math.max(0, attempt)));
  const spread = base * jitter * (random() * 2 - 1);
  return Math.max(0, Math.min(maxMs, Math.round(base + spread)));
}

/**
 * Runs `work` until it succeeds, waiting {@link backoffDelay} between attempts; rethrows the last
 * error after `maxAttempts`, or an AbortedError as soon as `signal` aborts.
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
      await sleep(options.clock, backoffDelay(attempt, options.backoff), options.signal);
    }
  }
}

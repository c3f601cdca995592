import { AbortedError } from '../errors';

/**
 * Time as the bridge sees it. Production uses the system clock; tests hand in short intervals
 * (or a fake clock) so fault scenarios take milliseconds instead of minutes.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Waits `ms` on `clock`, or rejects with {@link AbortedError} as soon as `signal` aborts, so a
 * stopping bridge never sits out a long backoff.
 */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError('stopping'));
      return;
    }
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(new AbortedError('stopping'));
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

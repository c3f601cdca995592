/**
 * Exponential backoff with jitter, the one policy behind every retry: the bridge's reconnections
 * and SQS sends, and the pipeline's SQS retry delays. Every duration is in milliseconds.
 */
export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds. */
  initialMs: number;
  /** Longest delay, in milliseconds. */
  maxMs: number;
  /** Growth per retry. @default 2 */
  factor?: number;
  /**
   * Lowest and highest multiple of the step a delay is drawn between, so that many clients that
   * failed together do not retry together. `[1, 1]` draws nothing.
   * @default [0.8, 1.2]
   */
  spread?: readonly [low: number, high: number];
}

/**
 * The delay before retry number `retry` (0 for the first) in milliseconds: the step
 * `initialMs * factor^retry`, capped at `maxMs`, times a random multiple within `spread`, again
 * never above `maxMs`. Not rounded, so a caller that waits in seconds rounds only once.
 */
export function backoffDelayMs(retry: number, options: BackoffOptions, random: () => number = Math.random): number {
  const { initialMs, maxMs, factor = 2, spread: [low, high] = [0.8, 1.2] } = options;
  const step = Math.min(maxMs, initialMs * Math.pow(factor, Math.max(0, retry)));
  return Math.min(maxMs, step * low + step * (high - low) * random());
}

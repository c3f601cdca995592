/**
 * Typed outcomes of a lookup. Anything else thrown is an unexpected failure: retried through SQS,
 * then reported as work in error.
 */

/** A failure that may pass if tried later: 429, 5xx, timeouts, network errors. */
export class RetryableError extends Error {
  override readonly name = 'RetryableError';
  /** Seconds the vendor asked to wait (`Retry-After`), if it said. */
  readonly retryAfterSeconds?: number;
  constructor(message: string, options: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A failure that trying again cannot fix (bad key, bad config, quota exhausted): names the setting to fix. */
export class NonRetryableError extends Error {
  override readonly name = 'NonRetryableError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
  }
}

/** The entity is not something this service can look up (wrong type, no supported value): processed with the reason. */
export class SkipError extends Error {
  override readonly name = 'SkipError';
}

/** The message body is not an OpenCTI enrichment message: never retried, kept in the DLQ. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}

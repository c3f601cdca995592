/**
 * Typed outcomes of a lookup and of reading a message. Every pipeline error says itself whether
 * trying again can help (`retryable`); anything else thrown is an unexpected failure: retried
 * through SQS, then reported as work in error.
 */
export abstract class PipelineError extends Error {
  override readonly name: string = 'PipelineError';
  /** Whether the record should come back for another attempt. */
  abstract readonly retryable: boolean;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** What a {@link RetryableError} may carry beyond `cause`. */
export interface RetryableErrorOptions extends ErrorOptions {
  /** Seconds the vendor asked to wait (`Retry-After`). @default none: the pipeline's backoff */
  retryAfterSeconds?: number;
}

/** A failure that may pass if tried later: 429, 5xx, timeouts, network errors. */
export class RetryableError extends PipelineError {
  override readonly name = 'RetryableError';
  readonly retryable = true;
  /** Seconds the vendor asked to wait (`Retry-After`), if it said. */
  readonly retryAfterSeconds?: number;
  constructor(message: string, options: RetryableErrorOptions = {}) {
    const { retryAfterSeconds, ...errorOptions } = options;
    super(message, errorOptions);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A failure that trying again cannot fix (bad key, bad config, quota exhausted): names the setting to fix. */
export class NonRetryableError extends PipelineError {
  override readonly name = 'NonRetryableError';
  readonly retryable = false;
}

/**
 * The entity is not something this service can look up (wrong type, no usable value, TLP too
 * high): the work ends as processed with the reason, not in error.
 */
export class SkipError extends PipelineError {
  override readonly name = 'SkipError';
  readonly retryable = false;
}

/** The message body is not an OpenCTI enrichment message: never retried, kept in the DLQ. */
export class MalformedMessageError extends PipelineError {
  override readonly name = 'MalformedMessageError';
  readonly retryable = false;
}

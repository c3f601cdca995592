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
  /**
   * The vendor asked to slow down (HTTP 429, or a quota answer in its own words): the pipeline
   * pauses every worker of the connector until `retryAfterSeconds` (or a backoff), and the record
   * waits instead of spending an attempt. @default false
   */
  rateLimited?: boolean;
}

/** A failure that may pass if tried later: 429, 5xx, timeouts, network errors. */
export class RetryableError extends PipelineError {
  override readonly name = 'RetryableError';
  readonly retryable = true;
  /** Seconds the vendor asked to wait (`Retry-After`), if it said. */
  readonly retryAfterSeconds?: number;
  /** The vendor asked to slow down: see {@link RetryableErrorOptions.rateLimited}. */
  readonly rateLimited: boolean;
  constructor(message: string, options: RetryableErrorOptions = {}) {
    const { retryAfterSeconds, rateLimited, ...errorOptions } = options;
    super(message, errorOptions);
    this.retryAfterSeconds = retryAfterSeconds;
    this.rateLimited = rateLimited ?? false;
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

/** What a {@link ComeBackLaterError} carries. */
export interface ComeBackLaterOptions extends ErrorOptions {
  /** Seconds until the record comes back (1 to 900: one SQS delay). */
  delaySeconds: number;
  /**
   * What the next lookup needs to go on (an analysis id, how many times it already came back),
   * handed to it as `LookupContext.resume`. JSON-serialisable and small (under 4 KB).
   */
  state: unknown;
}

/**
 * Not a failure: the lookup started something at the vendor (a URL or file submitted for
 * analysis) and must come back for the result. The pipeline sends the message again with an SQS
 * delay, the work stays in progress with this message, and the attempt budget is not spent. A
 * service bounds its own come-backs through `state` (then returns no data or throws).
 */
export class ComeBackLaterError extends PipelineError {
  override readonly name = 'ComeBackLaterError';
  readonly retryable = true;
  readonly delaySeconds: number;
  readonly state: unknown;
  constructor(message: string, options: ComeBackLaterOptions) {
    const { delaySeconds, state, ...errorOptions } = options;
    super(message, errorOptions);
    this.delaySeconds = Math.min(900, Math.max(1, Math.ceil(delaySeconds)));
    this.state = state;
  }
}

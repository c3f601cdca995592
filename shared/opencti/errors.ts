/**
 * Any failure talking to OpenCTI. `retryable` says whether trying again later can help; each
 * subclass fixes it, so callers read the property instead of testing classes.
 */
export abstract class OpenCtiError extends Error {
  override readonly name: string = 'OpenCtiError';
  abstract readonly retryable: boolean;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The platform cannot answer now: unreachable, timed out, HTTP 5xx or 429, or an answer without data. Retryable. */
export class OpenCtiUnavailableError extends OpenCtiError {
  override readonly name = 'OpenCtiUnavailableError';
  readonly retryable = true;
}

/** The platform refused the request itself (an HTTP 4xx other than 401/403): sending it again cannot help. */
export class OpenCtiHttpError extends OpenCtiError {
  override readonly name = 'OpenCtiHttpError';
  readonly retryable = false;
  constructor(
    message: string,
    /** The HTTP status the platform answered. */
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The platform refused the token (HTTP 401/403, or a GraphQL authentication error). Not retryable. */
export class OpenCtiAuthError extends OpenCtiError {
  override readonly name = 'OpenCtiAuthError';
  readonly retryable = false;
}

/** The platform answered with a GraphQL error; the message is the platform's own. Not retryable. */
export class OpenCtiGraphQLError extends OpenCtiError {
  override readonly name = 'OpenCtiGraphQLError';
  readonly retryable = false;
  readonly code?: string;
  constructor(
    readonly operation: string,
    readonly platformMessage: string,
    options: ErrorOptions & { code?: string } = {},
  ) {
    super(`OpenCTI rejected ${operation}: ${platformMessage}${options.code ? ` (${options.code})` : ''}`, options);
    this.code = options.code;
  }
}

/** A stored file is larger than the caller can take: fetching it again cannot help. */
export class OpenCtiFileTooLargeError extends OpenCtiError {
  override readonly name = 'OpenCtiFileTooLargeError';
  readonly retryable = false;
  constructor(
    readonly uri: string,
    readonly maxBytes: number,
  ) {
    super(`the platform's file ${uri} is larger than ${maxBytes} bytes`);
  }
}

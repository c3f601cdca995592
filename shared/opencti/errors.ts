/** How an {@link OpenCtiError} came about. */
export interface OpenCtiErrorOptions extends ErrorOptions {
  /** Whether trying again later can help (an outage, a timeout), or an operator must act first. */
  retryable: boolean;
}

/** Any failure talking to OpenCTI; `retryable` says whether trying again later can help. */
export class OpenCtiError extends Error {
  override readonly name: string = 'OpenCtiError';
  readonly retryable: boolean;
  constructor(message: string, options: OpenCtiErrorOptions) {
    super(message, options);
    this.retryable = options.retryable;
  }
}

/** The platform refused the token (HTTP 401, or a GraphQL authentication error). Not retryable. */
export class OpenCtiAuthError extends OpenCtiError {
  override readonly name = 'OpenCtiAuthError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, retryable: false });
  }
}

/** The platform answered with a GraphQL error; the message is the platform's own. Not retryable. */
export class OpenCtiGraphQLError extends OpenCtiError {
  override readonly name = 'OpenCtiGraphQLError';
  readonly code?: string;
  constructor(
    readonly operation: string,
    readonly platformMessage: string,
    options: ErrorOptions & { code?: string } = {},
  ) {
    super(`OpenCTI rejected ${operation}: ${platformMessage}${options.code ? ` (${options.code})` : ''}`, { ...options, retryable: false });
    this.code = options.code;
  }
}

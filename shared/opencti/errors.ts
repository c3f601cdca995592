/** Any failure talking to OpenCTI. `retryable` says whether trying again later can help. */
export class OpenCtiError extends Error {
  override readonly name: string = 'OpenCtiError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The platform refused the token (HTTP 401, or a GraphQL authentication error). Not retryable. */
export class OpenCtiAuthError extends OpenCtiError {
  override readonly name = 'OpenCtiAuthError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, false, options);
  }
}

/** The platform answered with a GraphQL error; the message is the platform's own. */
export class OpenCtiGraphQLError extends OpenCtiError {
  override readonly name = 'OpenCtiGraphQLError';
  constructor(
    readonly operation: string,
    readonly platformMessage: string,
    readonly code?: string,
  ) {
    super(`OpenCTI rejected ${operation}: ${platformMessage}${code ? ` (${code})` : ''}`, false);
  }
}

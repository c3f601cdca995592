import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../../../shared/logging';
import type { BridgeConnectorConfig } from '../config/bridge-config';

/** What the ingress takes, whatever carries it (the Lambda adapter enforces the same). */
export const CALLBACK_LIMITS = {
  /** Largest body: 413 above it, by `Content-Length` and while reading. OpenCTI messages are far smaller; the claim check takes what SQS cannot. */
  maxBodyBytes: 10 * 1024 * 1024,
  /** The whole request must arrive within this (node server; a Lambda function URL has its own limits). */
  requestTimeoutMs: 30_000,
  /** Connections the node server keeps open at once; more are closed at once. */
  maxConnections: 128,
} as const;

/** A body above {@link CALLBACK_LIMITS.maxBodyBytes}: what `readBody` throws as soon as it knows. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor() {
    super(`body larger than ${CALLBACK_LIMITS.maxBodyBytes} bytes`);
  }
}

/** A callback request, whatever carried it (Lambda function URL, API Gateway, node http). */
export interface CallbackRequest {
  /** The HTTP method; anything but POST is answered 405. */
  method: string;
  /** The path; its last segment names the connector (`/<connector id>` or `/callback/<connector id>`). */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /**
   * Read only after the bearer token checked out, so strangers cannot make us buffer bodies;
   * throws {@link BodyTooLargeError} once more than the limit arrived.
   */
  readBody: () => Promise<string>;
}

export interface CallbackResponse {
  statusCode: 202 | 400 | 401 | 405 | 413 | 415 | 500;
  body: string;
  headers?: Record<string, string>;
}

/**
 * The answers pycti's callback server gives (docs/protocol.md#api-listen-mode). The platform's worker acks on
 * 2xx and requeues on anything else, so a 500 means "try again later", never "dropped".
 */
export const CALLBACK_RESPONSES = {
  accepted: { statusCode: 202, body: JSON.stringify({ message: 'Message successfully received' }) },
  badCredentials: { statusCode: 401, body: JSON.stringify({ error: 'Invalid credentials' }) },
  badJson: { statusCode: 400, body: JSON.stringify({ error: 'Invalid JSON payload' }) },
  failed: { statusCode: 500, body: JSON.stringify({ error: 'Error processing message' }) },
  // Beyond pycti's answers: what a stranger gets for a request the platform never sends.
  methodNotAllowed: { statusCode: 405, body: JSON.stringify({ error: 'Method not allowed' }), headers: { allow: 'POST' } },
  tooLarge: { statusCode: 413, body: JSON.stringify({ error: `Payload larger than ${CALLBACK_LIMITS.maxBodyBytes} bytes` }) },
  notJson: { statusCode: 415, body: JSON.stringify({ error: 'Content-Type must be application/json' }) },
} as const satisfies Record<string, CallbackResponse>;

/** `application/json` or a `+json` type, parameters (charset) allowed: what the platform's worker sends. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type);
}

/** A `Content-Length` above the limit (an unreadable one is left to the reading, which counts). */
const declaredTooLarge = (header: string | undefined): boolean => Number(header) > CALLBACK_LIMITS.maxBodyBytes;

export interface CallbackIngressOptions {
  connectors: readonly BridgeConnectorConfig[];
  /** The connector's token (inline or from Secrets Manager, cached by the caller). */
  resolveToken: (connector: BridgeConnectorConfig) => Promise<string>;
  /** Enqueues the body into the connector's SQS queue; resolves once SQS accepted it. */
  forward: (queueUrl: string, connectorId: string, body: string) => Promise<unknown>;
  logger?: Logger;
}

export type CallbackIngress = (request: CallbackRequest) => Promise<CallbackResponse>;

/** Compares two secrets in time that does not depend on where they differ, nor on their lengths. */
export function tokensMatch(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The bearer token of an `Authorization` header, read as pycti reads it (scheme in any case). */
export function bearerToken(header: string | undefined): string | undefined {
  const parts = header?.trim().split(/\s+/) ?? [];
  return parts.length === 2 && parts[0]!.toLowerCase() === 'bearer' ? parts[1] : undefined;
}

/**
 * The callback ingress of API listen mode: POST only (405), a JSON content type (415), a body of
 * at most 10 MiB (413), checks the connector's bearer token, checks the body is JSON, and enqueues
 * it unchanged into the connector's queue before answering 202. Only the body goes on: nothing a
 * caller sends can become a message attribute (a claim check, say).
 */
export function createCallbackIngress(options: CallbackIngressOptions): CallbackIngress {
  const byId = new Map(options.connectors.map((c) => [c.id, c]));
  const only = options.connectors.length === 1 ? options.connectors[0] : undefined;
  return async (request) => {
    if (request.method.toUpperCase() !== 'POST') return CALLBACK_RESPONSES.methodNotAllowed;
    if (!isJsonContentType(request.headers['content-type'])) return CALLBACK_RESPONSES.notJson;
    if (declaredTooLarge(request.headers['content-length'])) return CALLBACK_RESPONSES.tooLarge;
    const segment = request.path.split('/').filter(Boolean).pop()?.toLowerCase();
    // With one connector any path will do; with several the path must name one of them.
    const connector = (segment && byId.get(segment)) || only;
    const given = bearerToken(request.headers.authorization);
    if (!connector || given === undefined) return CALLBACK_RESPONSES.badCredentials;
    let expected: string;
    try {
      expected = await options.resolveToken(connector);
    } catch (error) {
      options.logger?.error('cannot resolve the connector token', { connectorId: connector.id, error: (error as Error).message });
      return CALLBACK_RESPONSES.failed;
    }
    if (!tokensMatch(given, expected)) return CALLBACK_RESPONSES.badCredentials;
    let body: string;
    try {
      body = await request.readBody();
      JSON.parse(body);
    } catch (error) {
      return error instanceof BodyTooLargeError ? CALLBACK_RESPONSES.tooLarge : CALLBACK_RESPONSES.badJson;
    }
    try {
      await options.forward(connector.queueUrl, connector.id, body);
      return CALLBACK_RESPONSES.accepted;
    } catch (error) {
      options.logger?.error('cannot enqueue callback message', { connectorId: connector.id, error: (error as Error).message });
      return CALLBACK_RESPONSES.failed;
    }
  };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../../../shared/logging';
import type { BridgeConnectorConfig } from '../config/bridge-config';

/** A callback request, whatever carried it (Lambda function URL, API Gateway, node http). */
export interface CallbackRequest {
  /** The path; its last segment names the connector (`/<connector id>` or `/callback/<connector id>`). */
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** Read only after the bearer token checked out, so strangers cannot make us buffer bodies. */
  readBody: () => Promise<string>;
}

export interface CallbackResponse {
  statusCode: 202 | 400 | 401 | 500;
  body: string;
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
} as const satisfies Record<string, CallbackResponse>;

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
 * The callback ingress of API listen mode: checks the connector's bearer token, checks the body is
 * JSON, and enqueues it unchanged into the connector's queue before answering 202.
 */
export function createCallbackIngress(options: CallbackIngressOptions): CallbackIngress {
  const byId = new Map(options.connectors.map((c) => [c.id, c]));
  const only = options.connectors.length === 1 ? options.connectors[0] : undefined;
  return async (request) => {
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
    } catch {
      return CALLBACK_RESPONSES.badJson;
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

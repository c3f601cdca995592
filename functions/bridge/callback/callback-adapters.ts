import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CallbackIngress } from './callback-ingress';

/** A Lambda function URL or API Gateway HTTP API event (payload 2.0), or a REST API event (1.0). */
export type CallbackEvent = APIGatewayProxyEventV2 | APIGatewayProxyEvent;

const JSON_HEADERS = { 'content-type': 'application/json' };

const lowerCaseHeaders = (headers: Record<string, string | string[] | undefined> | null | undefined): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(',') : value]),
  );

/**
 * A Lambda handler for the ingress behind a function URL or API Gateway (either payload format).
 * `ingress` is a getter so the handler can build it on first use (secrets, clients).
 */
export function lambdaCallbackHandler(
  ingress: () => Promise<CallbackIngress>,
): (event: CallbackEvent) => Promise<APIGatewayProxyStructuredResultV2> {
  return async (event) => {
    const path = 'rawPath' in event ? event.rawPath : event.path;
    const raw = event.body ?? '';
    const response = await (
      await ingress()
    )({
      path,
      headers: lowerCaseHeaders(event.headers),
      readBody: async () => (event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw),
    });
    return { statusCode: response.statusCode, headers: JSON_HEADERS, body: response.body };
  };
}

/** A node `http` request listener for the ingress (container and one-machine mode). */
export function nodeCallbackHandler(ingress: CallbackIngress): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    ingress({
      path: new URL(req.url ?? '/', 'http://ingress').pathname,
      headers: lowerCaseHeaders(req.headers),
      readBody: async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      },
    }).then(
      (response) => {
        res.writeHead(response.statusCode, JSON_HEADERS);
        res.end(response.body);
      },
      () => {
        res.writeHead(500, JSON_HEADERS);
        res.end(JSON.stringify({ error: 'Error processing message' }));
      },
    );
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { BodyTooLargeError, CALLBACK_LIMITS, type CallbackIngress } from './callback-ingress';

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
    const [path, method] = 'rawPath' in event ? [event.rawPath, event.requestContext.http.method] : [event.path, event.httpMethod];
    const raw = event.body ?? '';
    const response = await (
      await ingress()
    )({
      method,
      path,
      headers: lowerCaseHeaders(event.headers),
      readBody: async () => {
        const body = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
        if (body.length > CALLBACK_LIMITS.maxBodyBytes) throw new BodyTooLargeError();
        return body.toString('utf8');
      },
    });
    return { statusCode: response.statusCode, headers: { ...JSON_HEADERS, ...response.headers }, body: response.body };
  };
}

/** A node `http` request listener for the ingress (container and one-machine mode). */
export function nodeCallbackHandler(ingress: CallbackIngress): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    ingress({
      method: req.method ?? '',
      path: new URL(req.url ?? '/', 'http://ingress').pathname,
      headers: lowerCaseHeaders(req.headers),
      readBody: () => readLimited(req),
    }).then(
      (response) => {
        res.writeHead(response.statusCode, { ...JSON_HEADERS, ...response.headers });
        res.end(response.body);
      },
      () => {
        res.writeHead(500, JSON_HEADERS);
        res.end(JSON.stringify({ error: 'Error processing message' }));
      },
    );
  };
}

/**
 * The request body, up to {@link CALLBACK_LIMITS.maxBodyBytes}: beyond it, rejects at once and
 * drops the rest as it arrives (the server's request timeout bounds how long), so the 413 can be
 * answered on an open connection.
 */
function readLimited(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= CALLBACK_LIMITS.maxBodyBytes) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd);
      chunks.length = 0;
      req.resume();
      reject(new BodyTooLargeError());
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString('utf8'));
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

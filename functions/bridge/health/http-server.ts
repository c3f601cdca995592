import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { redactingReplacer } from '../../../shared/logging';
import { CALLBACK_LIMITS } from '../callback/callback-ingress';

export interface BridgeHttpServerOptions {
  port: number;
  /** @default '0.0.0.0' (in a container the health check comes from outside) */
  host?: string;
  /** The body of `GET /health` and `GET /ready`, redacted as log lines are (an error may quote a URL with credentials). */
  health: () => { status: string };
  /** Secret values to blank in `/health`, read on every request. @default none (credential-looking fragments still go) */
  secrets?: () => readonly string[];
  /** `GET /metrics`: the body and its content type (Prometheus text). @default no such route */
  metrics?: () => Promise<{ contentType: string; body: string }>;
  /** API listen mode: handles `/callback/<connector id>` (which answers 405 to anything but POST). */
  callback?: (req: IncomingMessage, res: ServerResponse) => void;
  /** A request must arrive whole within this, or the server answers 408 and closes. @default 30000 */
  requestTimeoutMs?: number;
  /** Open connections at once; more are closed as they come. @default 128 */
  maxConnections?: number;
}

/** A running HTTP server: its base URL and how to stop it. */
export interface BridgeHttpServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /health` (200 unless stopping), `GET /ready` (200 only when every connector is
 * registered and consuming), both with the JSON report per connector, and in API mode the
 * callback ingress on `POST /callback/<connector id>`.
 */
export async function startHttpServer(options: BridgeHttpServerOptions): Promise<BridgeHttpServer> {
  const requestTimeout = options.requestTimeoutMs ?? CALLBACK_LIMITS.requestTimeoutMs;
  // Node checks the timeouts every connectionsCheckingInterval (30 s by default): often enough to keep them.
  const timeouts = { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1_000, requestTimeout) };
  const server = createServer(timeouts, (req, res) => {
    const path = new URL(req.url ?? '/', 'http://bridge').pathname;
    if (req.method === 'GET' && (path === '/health' || path === '/ready')) {
      const body = options.health();
      // /health is liveness: a bridge waiting for OpenCTI or RabbitMQ is alive and retrying, and a
      // new task would not do better. /ready says whether every connector is registered and consuming.
      const up = path === '/health' ? body.status !== 'stopping' : body.status === 'ok';
      res.writeHead(up ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body, redactingReplacer(options.secrets)));
    } else if (req.method === 'GET' && path === '/metrics' && options.metrics) {
      options.metrics().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType });
          res.end(body);
        },
        (error: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`cannot render metrics: ${error.message}`);
        },
      );
    } else if (options.callback && path.startsWith('/callback/')) {
      options.callback(req, res);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Not found' }));
    }
  });
  // Keep-alive sockets from the health checker would otherwise hold close() open.
  server.keepAliveTimeout = 5_000;
  server.maxConnections = options.maxConnections ?? CALLBACK_LIMITS.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

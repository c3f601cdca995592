import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The request a lookup is expected to send. */
export interface ExpectedRequest {
  method: string;
  /** Full path as the vendor sees it, base URL path included, e.g. `/api/v2/check`. */
  path: string;
  /** The exact query parameters; none when absent. */
  query?: Record<string, string>;
  /** Headers that must be present with these values (names case-insensitive). */
  headers?: Record<string, string>;
}

/** The vendor's recorded answer: a JSON body, or a string sent as it is. */
export interface RecordedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Exchange {
  request: ExpectedRequest;
  response: RecordedResponse;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The exchange that answered it, or undefined when none matched (answered 501). */
  exchange?: Exchange;
}

const sameQuery = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * A vendor stand-in on loopback: answers each request with the recorded exchange whose method,
 * path and query match, records what it received, and answers 501 to anything unexpected.
 */
export class VendorServer {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** Every request, in arrival order. */
    readonly received: readonly ReceivedRequest[],
  ) {}

  static async start(exchanges: readonly Exchange[]): Promise<VendorServer> {
    const received: ReceivedRequest[] = [];
    const server = createServer((req, res) => {
      const parsed = new URL(req.url ?? '/', 'http://loopback');
      const query = Object.fromEntries(parsed.searchParams);
      const exchange = exchanges.find(
        (e) =>
          e.request.method.toUpperCase() === req.method && e.request.path === parsed.pathname && sameQuery(e.request.query ?? {}, query),
      );
      received.push({ method: req.method ?? '', path: parsed.pathname, query, headers: req.headers, exchange });
      if (!exchange) {
        res.writeHead(501, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'no recorded exchange for this request' }));
        return;
      }
      const { status, headers = {}, body } = exchange.response;
      const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new VendorServer(server, `http://127.0.0.1:${port}`, received);
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
    // axios keeps connections alive; without this, close waits for them to time out.
    this.server.closeAllConnections();
    await closed;
  }
}

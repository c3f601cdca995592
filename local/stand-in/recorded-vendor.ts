import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
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
  /** The exact body (a form, say); any body when absent. */
  body?: string;
  /** Texts the body must contain, for bodies that cannot be recorded exactly (a multipart upload's boundary is random). */
  bodyIncludes?: string[];
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
  body: string;
  /** The exchange that answered it, or undefined when none matched (answered 501). */
  exchange?: Exchange;
}

const sameQuery = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/**
 * A vendor stand-in on loopback, for the fixture tests and the demo: answers each request with the
 * recorded exchange of the same method, path and query, and body when recorded (exactly, so a fixture that passes here
 * passes everywhere), records what it received, and answers 501 to anything it has no recording for.
 */
export class RecordedVendor {
  readonly #received: ReceivedRequest[] = [];
  readonly #server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => this.#answer(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  #url = '';

  private constructor(private exchanges: readonly Exchange[]) {}

  /** A vendor on a free loopback port, replaying `exchanges`. */
  static async start(exchanges: readonly Exchange[] = []): Promise<RecordedVendor> {
    const vendor = new RecordedVendor(exchanges);
    await new Promise<void>((resolve) => vendor.#server.listen(0, '127.0.0.1', resolve));
    vendor.#url = `http://127.0.0.1:${(vendor.#server.address() as AddressInfo).port}`;
    return vendor;
  }

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return this.#url;
  }

  /**
   * The base URL to give a service in place of its `defaultBaseUrl`: the vendor's base path stays,
   * so recorded paths are the full paths the vendor sees.
   */
  baseUrlFor(defaultBaseUrl: string): string {
    return `${this.#url}${new URL(defaultBaseUrl).pathname.replace(/\/+$/, '')}`;
  }

  /** Every request, in arrival order. */
  get received(): readonly ReceivedRequest[] {
    return this.#received;
  }

  /** Replays another recording from now on (the demo enriches several cases through one vendor). */
  use(exchanges: readonly Exchange[]): void {
    this.exchanges = exchanges;
  }

  #answer(req: IncomingMessage, body: string, res: ServerResponse): void {
    const method = req.method ?? '';
    const parsed = new URL(req.url ?? '/', 'http://loopback');
    const query = Object.fromEntries(parsed.searchParams);
    const exchange = this.exchanges.find(
      (e) =>
        e.request.method.toUpperCase() === method &&
        e.request.path === parsed.pathname &&
        sameQuery(e.request.query ?? {}, query) &&
        (e.request.body === undefined || e.request.body === body) &&
        (e.request.bodyIncludes ?? []).every((part) => body.includes(part)),
    );
    this.#received.push({ method, path: parsed.pathname, query, headers: req.headers, body, exchange });
    if (!exchange) {
      // Parameter names only: a query can carry an API key (Shodan's).
      const asked = `${method} ${parsed.pathname}${Object.keys(query).length ? ` with query parameters ${Object.keys(query).join(', ')}` : ''}`;
      res.writeHead(501, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `no recorded exchange for ${asked}` }));
      return;
    }
    const { status, headers = {}, body: answer } = exchange.response;
    const text = answer === undefined ? '' : typeof answer === 'string' ? answer : JSON.stringify(answer);
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve, reject) => this.#server.close((error) => (error ? reject(error) : resolve())));
    // axios keeps connections alive; without this, close waits for them to time out.
    this.#server.closeAllConnections();
    await closed;
  }
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RateLimitedVendorOptions {
  /** Requests allowed in any interval of `windowMs`; beyond, 429 with `Retry-After`. @default no limit */
  limit?: number;
  windowMs?: number;
  /**
   * Slack on the window, for the time between the pipeline counting a call and the request
   * arriving here. @default 0: a strict vendor, as real ones are (the pipeline counts each window
   * longer by a transit margin for that)
   */
  graceMs?: number;
  /** Every request is answered 429 `Retry-After: 1` for this long after the first one. @default 0 */
  stormMs?: number;
  /** The answer to an allowed request. */
  answer: unknown;
}

/**
 * A vendor API on loopback that allows `limit` requests per `windowMs` (a sliding window) and
 * answers 429 with `Retry-After` beyond, or 429 to everything during a storm; it counts what it saw.
 */
export class RateLimitedVendor {
  url = '';
  /** Requests answered 200. */
  answered = 0;
  /** Requests answered 429. */
  rateLimited = 0;
  /** Requests that arrived during the storm. */
  duringStorm = 0;
  /** Requests per path. */
  readonly paths = new Map<string, number>();
  #accepted: number[] = [];
  #stormUntil?: number;
  #server?: Server;

  constructor(private readonly options: RateLimitedVendorOptions) {}

  get calls(): number {
    return this.answered + this.rateLimited;
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      const now = Date.now();
      const path = req.url ?? '/';
      this.paths.set(path, (this.paths.get(path) ?? 0) + 1);
      const retryAfter = this.#refusal(now);
      if (retryAfter !== undefined) {
        this.rateLimited++;
        res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(retryAfter) });
        res.end(JSON.stringify({ detail: 'Too Many Requests' }));
        return;
      }
      this.answered++;
      this.#accepted.push(now);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(this.options.answer));
    });
    await new Promise<void>((r) => this.#server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Seconds the caller should wait, or undefined when the request is allowed. */
  #refusal(now: number): number | undefined {
    const { limit, windowMs = 1000, graceMs = 0, stormMs = 0 } = this.options;
    this.#stormUntil ??= now + stormMs;
    if (now < this.#stormUntil) {
      this.duringStorm++;
      return 1;
    }
    if (limit === undefined) return undefined;
    const since = now - windowMs + graceMs;
    this.#accepted = this.#accepted.filter((t) => t > now - windowMs);
    const inWindow = this.#accepted.filter((t) => t > since);
    if (inWindow.length < limit) return undefined;
    return Math.max(1, Math.ceil((inWindow[inWindow.length - limit]! + windowMs - now) / 1000));
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((r) => this.#server?.close(r));
  }
}

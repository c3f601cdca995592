import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A vendor API on loopback that answers by path from a script, and logs every request. */
export class ScriptedVendor {
  /** Every request, in order: its method, path (with query), headers and body. */
  readonly requests: Array<{ method: string; path: string; headers: Record<string, string | string[] | undefined>; body: Buffer }> = [];
  readonly scripts = new Map<string, Answer[]>();
  #server?: Server;
  url = '';

  /** `latencyMs` before each answer (a vendor far away); `fallback` for paths with no script. @default 0 ms, a 404 */
  constructor(private readonly options: { latencyMs?: number; fallback?: Answer } = {}) {}

  /** Answers for one path, in order; the last one repeats. */
  script(path: string, ...answers: Answer[]): void {
    this.scripts.set(path, answers);
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body: Buffer.concat(chunks) });
        this.#answer(path, res);
      });
    });
    await new Promise<void>((r) => this.#server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  #answer(path: string, res: ServerResponse): void {
    const queue = this.scripts.get(path) ?? [this.options.fallback ?? { status: 404, body: { detail: 'No information available' } }];
    const answer = queue.length > 1 ? queue.shift()! : queue[0]!;
    const send = () => {
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
    };
    if (this.options.latencyMs) setTimeout(send, this.options.latencyMs);
    else send();
  }

  calls(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((r) => this.#server?.close(r));
  }
}

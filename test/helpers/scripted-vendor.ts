import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A vendor API on loopback that answers by path from a script, and logs every request. */
export class ScriptedVendor {
  /** Every request, in order: its path (with query) and its headers. */
  readonly requests: Array<{ path: string; headers: Record<string, string | string[] | undefined> }> = [];
  readonly scripts = new Map<string, Answer[]>();
  #server?: Server;
  url = '';

  /** Answers for one path, in order; the last one repeats. */
  script(path: string, ...answers: Answer[]): void {
    this.scripts.set(path, answers);
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      const path = req.url ?? '/';
      this.requests.push({ path, headers: req.headers });
      const queue = this.scripts.get(path) ?? [{ status: 404, body: { detail: 'No information available' } }];
      const answer = queue.length > 1 ? queue.shift()! : queue[0]!;
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body ?? {}));
    });
    await new Promise<void>((r) => this.#server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  calls(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((r) => this.#server?.close(r));
  }
}

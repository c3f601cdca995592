import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface RecordedExchange {
  request: { method: string; path: string; query?: Record<string, string> };
  response: { status: number; body?: unknown; bodyFile?: string; headers?: Record<string, string> };
}

/** One recorded case: the entity it enriches and the vendor's answers (`test/fixtures/<service>/<case>/`). */
export interface RecordedCase {
  service: string;
  name: string;
  description: string;
  entityType: string;
  entity: Record<string, unknown> & { id: string; type: string };
  expect: string;
  exchanges: RecordedExchange[];
}

/** Reads every recorded case of a service. */
export function readRecordedCases(fixturesDir: string, service: string): RecordedCase[] {
  const dir = join(fixturesDir, service);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const caseDir = join(dir, name);
      if (!existsSync(join(caseDir, 'case.json')) || !existsSync(join(caseDir, 'entity.json'))) return [];
      const spec = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8'));
      const vendor = spec.vendor === undefined ? [] : Array.isArray(spec.vendor) ? spec.vendor : [spec.vendor];
      const exchanges = vendor.map((x: RecordedExchange) => ({
        request: x.request,
        response: {
          ...x.response,
          body: x.response.bodyFile ? JSON.parse(readFileSync(join(caseDir, x.response.bodyFile), 'utf8')) : x.response.body,
        },
      }));
      return [
        {
          service,
          name,
          description: spec.description ?? name,
          entityType: spec.entityType,
          expect: spec.expect,
          entity: JSON.parse(readFileSync(join(caseDir, 'entity.json'), 'utf8')),
          exchanges,
        },
      ];
    });
}

/** Replays recorded answers on loopback: the same method, path and query get the recorded response. */
export class RecordedVendor {
  #server?: Server;
  url = '';
  readonly misses: string[] = [];

  constructor(private exchanges: RecordedExchange[] = []) {}

  /** Replays the answers of one recorded case from now on. */
  use(exchanges: RecordedExchange[]): void {
    this.exchanges = exchanges;
  }

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://vendor');
      const hit = this.exchanges.find(
        (x) =>
          x.request.method === req.method &&
          url.pathname.endsWith(x.request.path) &&
          Object.entries(x.request.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v),
      );
      if (!hit) this.misses.push(`${req.method} ${url.pathname}${url.search}`);
      const response = hit?.response ?? { status: 404, body: { detail: 'not recorded' } };
      res.writeHead(response.status, { 'Content-Type': 'application/json', ...response.headers });
      res.end(JSON.stringify(response.body ?? {}));
    });
    await new Promise<void>((r) => this.#server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((r) => this.#server?.close(r));
  }
}

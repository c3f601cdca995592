import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import { PlatformRabbit } from '../../local/stand-in/platform-rabbit';
import { ipv4Addr } from '../../shared/stix';

export interface StandInsOptions {
  /** The only token the OpenCTI stand-in accepts. */
  token: string;
  /** The vendor answers after this long. */
  vendorLatencyMs: number;
  /** The platform's RabbitMQ (listen queues and messages), for benches that go through the bridge. */
  rabbit: boolean;
}

/** How long the platform took for a run of enrichments, from the first message to the last work closed. */
export interface EnrichRun {
  seconds: number;
  /** Per work, from its creation to its closing (ms). */
  latenciesMs: number[];
}

/** What a bench asks of the stand-ins, whether they run in its own process or in another. */
export interface StandIns {
  readonly openctiUrl: string;
  readonly vendorUrl: string;
  /** Creates works without sending anything: the bench builds the messages itself. */
  works(connectorId: string, count: number): Promise<string[]>;
  /**
   * The producer: once the connector has registered, asks it to enrich `count` addresses, at most
   * `window` messages waiting for the broker's confirm at a time, and waits until every work is closed.
   */
  enrich(connectorId: string, count: number, window: number): Promise<EnrichRun>;
  stop(connectorId?: string): Promise<void>;
}

/** The Shodan InternetDB fixture, the vendor's answer in every bench. */
export const VENDOR_ANSWER = readFileSync(join(__dirname, '../fixtures/shodan-internetdb/host/response.json'), 'utf8');

/**
 * The OpenCTI stand-in (with the platform's RabbitMQ if asked), a vendor answering
 * {@link VENDOR_ANSWER} after a fixed latency, and a producer, in the calling process.
 */
export async function startStandIns(options: StandInsOptions): Promise<StandIns> {
  const rabbit = options.rabbit ? new PlatformRabbit() : undefined;
  const platform = new OpenCtiStandIn({ tokens: [options.token], platformRabbit: rabbit });
  await platform.start();
  const vendor = createServer((_req, res) => {
    const reply = () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(VENDOR_ANSWER);
    };
    if (options.vendorLatencyMs > 0) setTimeout(reply, options.vendorLatencyMs);
    else reply();
  });
  // Longer than any pause in the bench, so that a reused socket is never closed under the client.
  vendor.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => vendor.listen(0, '127.0.0.1', r));
  return {
    openctiUrl: platform.url,
    vendorUrl: `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`,
    works: async (connectorId, count) => Array.from({ length: count }, () => platform.createWork(connectorId).id),
    enrich: (connectorId, count, window) => produce(platform, connectorId, count, window),
    stop: async (connectorId) => {
      if (rabbit && connectorId) await rabbit.deleteConnector(connectorId).catch(() => undefined);
      await rabbit?.close();
      await platform.stop();
      vendor.closeAllConnections();
      await new Promise<void>((r) => (vendor as Server).close(() => r()));
    },
  };
}

/** Addresses asked so far: each run asks for new ones, so a warm-up's answers are never served from the cache. */
let asked = 0;

async function produce(platform: OpenCtiStandIn, connectorId: string, count: number, window: number): Promise<EnrichRun> {
  const first = asked;
  asked += count;
  const deadline = Date.now() + 30_000;
  while (!platform.connectors.get(connectorId)?.pings && Date.now() < deadline) await sleep(50);
  await sleep(500); // the consumer attaches right after registration
  const started = Date.now();
  const works: Array<{ status: string; createdAt: number; completedAt?: number }> = [];
  let next = 0;
  const producer = async () => {
    for (let n = next++; n < count; n = next++) {
      const i = first + n;
      const entity = ipv4Addr(`11.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      works.push(await platform.askEnrichment(connectorId, { entity, entityType: 'IPv4-Addr' }));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, window) }, producer));
  while (works.some((w) => w.status !== 'complete')) {
    if (Date.now() - started > 600_000) throw new Error('the enrichments did not finish in 10 minutes');
    await sleep(20);
  }
  return {
    seconds: (Math.max(...works.map((w) => w.completedAt!)) - started) / 1000,
    latenciesMs: works.map((w) => w.completedAt! - w.createdAt),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Messages between a bench and its stand-ins' process. */
type Request =
  | { kind: 'works'; connectorId: string; count: number }
  | { kind: 'enrich'; connectorId: string; count: number; window: number }
  | { kind: 'stop'; connectorId?: string };
type Answer =
  | { kind: 'ready'; openctiUrl: string; vendorUrl: string }
  | { kind: 'works'; ids: string[] }
  | { kind: 'enriched'; run: EnrichRun }
  | { kind: 'failed'; error: string };

/**
 * {@link startStandIns} in a child process, so that the bench's `process.cpuUsage()` counts the
 * product alone and the stand-ins do not compete for its event loop.
 */
export async function forkStandIns(options: StandInsOptions): Promise<StandIns> {
  const child = fork(__filename, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_STAND_INS: JSON.stringify(options) } });
  const ask = (request?: Request) => nextAnswer(child, request);
  const ready = await ask();
  if (ready.kind !== 'ready') throw new Error(`stand-ins answered ${ready.kind}`);
  const expect = async <K extends Answer['kind']>(request: Request, kind: K): Promise<Extract<Answer, { kind: K }>> => {
    const answer = await ask(request);
    if (answer.kind !== kind)
      throw new Error(answer.kind === 'failed' ? `stand-ins failed: ${answer.error}` : `stand-ins answered ${answer.kind}`);
    return answer as Extract<Answer, { kind: K }>;
  };
  return {
    openctiUrl: ready.openctiUrl,
    vendorUrl: ready.vendorUrl,
    works: async (connectorId, count) => (await expect({ kind: 'works', connectorId, count }, 'works')).ids,
    enrich: async (connectorId, count, window) => (await expect({ kind: 'enrich', connectorId, count, window }, 'enriched')).run,
    stop: async (connectorId) => {
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ kind: 'stop', connectorId } satisfies Request);
      await exited;
    },
  };
}

/** Sends a request (or none) and waits for the child's next answer. */
function nextAnswer(child: ChildProcess, request?: Request): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`stand-ins exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (answer: Answer) => {
      child.off('exit', onExit);
      resolve(answer);
    });
    if (request) child.send(request);
  });
}

/** The child's side of {@link forkStandIns}. */
async function serve(options: StandInsOptions): Promise<void> {
  const send = (answer: Answer) => process.send!(answer);
  const standIns = await startStandIns(options);
  process.on('message', (request: Request) => {
    const answer: Promise<Answer | undefined> =
      request.kind === 'works'
        ? standIns.works(request.connectorId, request.count).then((ids) => ({ kind: 'works', ids }))
        : request.kind === 'enrich'
          ? standIns.enrich(request.connectorId, request.count, request.window).then((run) => ({ kind: 'enriched', run }))
          : standIns.stop(request.connectorId).then(() => process.exit(0));
    answer.then(
      (a) => a && send(a),
      (error: Error) => send({ kind: 'failed', error: error.message }),
    );
  });
  send({ kind: 'ready', openctiUrl: standIns.openctiUrl, vendorUrl: standIns.vendorUrl });
}

if (require.main === module) {
  serve(JSON.parse(process.env.BENCH_STAND_INS!) as StandInsOptions).catch((error: Error) => {
    console.error(`stand-ins failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
};

/** p50, p95 and p99 of some times (ms). */
export const spread = (v: number[]) => ({ p50: percentile(v, 50), p95: percentile(v, 95), p99: percentile(v, 99) });

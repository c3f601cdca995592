import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shodanInternetdb } from '../../functions/shodan-internetdb/service';
import { loadConnectorConfig } from '../../shared/config';
import { freePort } from '../../local/free-port';
import { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import { PlatformRabbit } from '../../local/stand-in/platform-rabbit';
import { startLocalRun } from '../../local/runner';
import type { RecordOutcome } from '../../shared/pipeline';
import { ipv4Addr } from '../../shared/stix';

export interface E2eOptions {
  messages: number;
  vendorLatencyMs: number;
  batchSize: number;
  concurrency: number;
  answer: unknown;
}

export interface E2eResult {
  messages: number;
  seconds: number;
  ratePerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  /** Time inside the pipeline per record (enrichRecord, all OpenCTI calls included). */
  recordMs: { p50: number; p95: number; p99: number };
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;
};
const spread = (v: number[]) => ({ p50: percentile(v, 50), p95: percentile(v, 95), p99: percentile(v, 99) });

/**
 * N enrichments through the whole local product (RabbitMQ → bridge → SQS server → handler →
 * vendor fake with fixed latency → stixBundlePush to the stand-in), timed from the platform side.
 */
export async function benchEndToEnd(options: E2eOptions): Promise<E2eResult> {
  const token = `bench-${randomUUID()}`;
  const connectorId = randomUUID();
  const rabbit = new PlatformRabbit();
  const platform = new OpenCtiStandIn({ tokens: [token], platformRabbit: rabbit });
  await platform.start();
  const vendor = createServer((_req, res) =>
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(options.answer));
    }, options.vendorLatencyMs),
  );
  await new Promise<void>((r) => vendor.listen(0, '127.0.0.1', r));
  const config = loadConnectorConfig(
    {
      env: {},
      yaml: {
        opencti: { url: platform.url, token },
        connector: { id: connectorId, name: 'bench', scope: 'IPv4-Addr', log_level: 'error' },
        shodan_internetdb: { base_url: `http://127.0.0.1:${(vendor.address() as AddressInfo).port}` },
      },
    },
    shodanInternetdb,
  );
  const outcomes: RecordOutcome[] = [];
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-'));
  const run = await startLocalRun({
    connectors: [
      {
        service: shodanInternetdb,
        config,
        batchSize: options.batchSize,
        concurrency: options.concurrency,
        maxReceives: 5,
        visibilityTimeout: 60,
      },
    ],
    env: {},
    httpPort: await freePort(),
    spoolDir: stateDir,
    statsIntervalMs: 3_600_000,
    print: () => undefined,
  });
  const originalRecord = run.stats.record.bind(run.stats);
  run.stats.record = (name, outcome) => {
    outcomes.push(outcome);
    originalRecord(name, outcome);
  };
  try {
    const deadline = Date.now() + 30_000;
    while (!platform.connectors.get(connectorId)?.pings && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500)); // the consumer attaches right after registration
    const started = Date.now();
    const works = [];
    for (let i = 0; i < options.messages; i++) {
      const entity = ipv4Addr(`11.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      works.push(await platform.askEnrichment(connectorId, { entity, entityType: 'IPv4-Addr' }));
    }
    while (works.some((w) => w.status !== 'complete')) {
      if (Date.now() - started > 600_000) throw new Error('end-to-end bench did not finish in 10 minutes');
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (Math.max(...works.map((w) => w.completedAt!)) - started) / 1000;
    return {
      messages: options.messages,
      seconds,
      ratePerSecond: options.messages / seconds,
      latencyMs: spread(works.map((w) => w.completedAt! - w.createdAt)),
      recordMs: spread(outcomes.map((o) => o.durationMs)),
    };
  } finally {
    await run.stop();
    await rabbit.deleteConnector(connectorId).catch(() => undefined);
    await rabbit.close();
    await platform.stop();
    vendor.closeAllConnections();
    await new Promise((r) => vendor.close(r));
    rmSync(stateDir, { recursive: true, force: true });
  }
}

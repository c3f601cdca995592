import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shodanInternetdb } from '../../functions/shodan-internetdb/service';
import { loadConnectorConfig } from '../../shared/config';
import { freePort } from '../../local/free-port';
import { startLocalRun } from '../../local/runner';
import type { RecordOutcome } from '../../shared/pipeline';
import { forkStandIns, spread, startStandIns } from './stand-ins';

export interface E2eOptions {
  messages: number;
  vendorLatencyMs: number;
  batchSize: number;
  concurrency: number;
  /**
   * `apart`: the OpenCTI stand-in, the vendor and the producer in a process of their own, the
   * producer keeping up to 100 messages waiting for confirms; the product's CPU is then its own.
   * `alongside`: all in the bench's process, one message at a time (the first bench's way).
   */
  standIns: 'apart' | 'alongside';
  /** Works enriched first and not counted: sockets opened, code compiled, as in a product that has been running. @default 0 */
  warmup?: number;
}

export interface E2eResult {
  messages: number;
  seconds: number;
  ratePerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  /** Time inside the pipeline per record (enrichRecord, all OpenCTI calls included). */
  recordMs: { p50: number; p95: number; p99: number };
  /** With the stand-ins apart: CPU of the local product (bridge, SQS server, pollers, handler) per work, ms. */
  productCpuMsPerWork?: number;
}

/**
 * N enrichments through the whole local product (RabbitMQ → bridge → SQS server → handler →
 * vendor with a fixed latency → stixBundlePush to the stand-in), timed from the platform side.
 */
export async function benchEndToEnd(options: E2eOptions): Promise<E2eResult> {
  const token = `bench-${randomUUID()}`;
  const connectorId = randomUUID();
  const apart = options.standIns === 'apart';
  const standInOptions = { token, vendorLatencyMs: options.vendorLatencyMs, rabbit: true };
  const standIns = apart ? await forkStandIns(standInOptions) : await startStandIns(standInOptions);
  const config = loadConnectorConfig(
    {
      env: {},
      yaml: {
        opencti: { url: standIns.openctiUrl, token },
        connector: { id: connectorId, name: 'bench', scope: 'IPv4-Addr', log_level: 'error' },
        shodan_internetdb: { base_url: standIns.vendorUrl },
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
    stateDir,
    statsIntervalMs: 3_600_000,
    print: () => undefined,
  });
  const originalRecord = run.stats.record.bind(run.stats);
  run.stats.record = (name, outcome) => {
    outcomes.push(outcome);
    originalRecord(name, outcome);
  };
  try {
    if (options.warmup) {
      await standIns.enrich(connectorId, options.warmup, apart ? 100 : 1);
      outcomes.length = 0;
    }
    const cpu = process.cpuUsage();
    const { seconds, latenciesMs } = await standIns.enrich(connectorId, options.messages, apart ? 100 : 1);
    const used = process.cpuUsage(cpu);
    return {
      messages: options.messages,
      seconds,
      ratePerSecond: options.messages / seconds,
      latencyMs: spread(latenciesMs),
      recordMs: spread(outcomes.map((o) => o.durationMs)),
      ...(apart ? { productCpuMsPerWork: (used.user + used.system) / 1000 / options.messages } : {}),
    };
  } finally {
    await run.stop();
    await standIns.stop(connectorId);
    rmSync(stateDir, { recursive: true, force: true });
  }
}

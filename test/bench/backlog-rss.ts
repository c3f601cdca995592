import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enrichmentMessage } from '../../local/stand-in/enrichment-messages';
import { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import { PlatformRabbit } from '../../local/stand-in/platform-rabbit';
import { ipv4Addr } from '../../shared/stix';
import { eventually, freePort, ProductProcess } from '../e2e/product';
import { ScriptedVendor } from '../helpers/scripted-vendor';

export interface BacklogRssResult {
  works: number;
  idleMb: number;
  /** Highest RSS while the backlog drained, over `sampledSeconds`. */
  peakMb: number;
  sampledSeconds: number;
  /** Works done, and messages still ready in RabbitMQ, when sampling ended. */
  done: number;
  inRabbitMq: number;
}

const rssMb = (pid: number): number => {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
};

/**
 * Memory of `npm start` (`dist/local/main.js`, built by `npm run bench`) with a large backlog: idle RSS, then
 * `works` messages published to the listen queue and the highest RSS while they drain. With acks
 * held until records finish, the backlog stays in RabbitMQ and memory stays near idle.
 */
export async function benchBacklogRss(options: {
  works: number;
  vendorLatencyMs: number;
  sampleSeconds: number;
}): Promise<BacklogRssResult> {
  const token = `bench-${randomUUID()}`;
  const connectorId = randomUUID();
  const rabbit = new PlatformRabbit();
  const platform = new OpenCtiStandIn({ tokens: [token], platformRabbit: rabbit });
  const answer = JSON.parse(readFileSync(join(__dirname, '../fixtures/shodan-internetdb/host/response.json'), 'utf8'));
  const vendor = new ScriptedVendor({ latencyMs: options.vendorLatencyMs, fallback: { status: 200, body: answer } });
  await Promise.all([platform.start(), vendor.start()]);
  const stateDir = mkdtempSync(join(tmpdir(), 'bench-backlog-'));
  const product = new ProductProcess({
    CONNECTOR_SERVICE: 'shodan-internetdb',
    OPENCTI_URL: platform.url,
    OPENCTI_TOKEN: token,
    CONNECTOR_ID: connectorId,
    CONNECTOR_NAME: 'Backlog bench',
    CONNECTOR_SCOPE: 'IPv4-Addr',
    CONNECTOR_LOG_LEVEL: 'error',
    SHODAN_INTERNETDB_BASE_URL: vendor.url,
    // The answer cache (up to 10,000 answers, 64 MB) grows with distinct lookups, backlog or not: left out here.
    SHODAN_INTERNETDB_CACHE_TTL: '0',
    BRIDGE_HEALTH_PORT: String(await freePort()),
    LOCAL_STATE_DIR: stateDir,
    LOCAL_STATS_INTERVAL_MS: '3600000',
  });
  try {
    product.start();
    await product.waitFor(/Running 1 connector/);
    await eventually(() => platform.connectors.get(connectorId)?.pings, 30_000, 'registration');
    await new Promise((r) => setTimeout(r, 3000));
    const pid = product.pid!;
    const idleMb = rssMb(pid);

    const works = Array.from({ length: options.works }, (_, i) => {
      const entity = ipv4Addr(`11.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      platform.entities.set(entity.id, entity);
      const work = platform.createWork(connectorId, new Date(), `Enrichment (${entity.id})`);
      return { work, body: enrichmentMessage({ entity, entityType: 'IPv4-Addr', workId: work.id }) };
    });
    for (let i = 0; i < works.length; i += 1000)
      await rabbit.publishListenMany(
        connectorId,
        works.slice(i, i + 1000).map((w) => w.body),
      );
    let peakMb = idleMb;
    const started = Date.now();
    while (Date.now() - started < options.sampleSeconds * 1000) {
      peakMb = Math.max(peakMb, rssMb(pid));
      await new Promise((r) => setTimeout(r, 250));
    }
    return {
      works: options.works,
      idleMb,
      peakMb,
      sampledSeconds: options.sampleSeconds,
      done: works.filter((w) => w.work.status === 'complete').length,
      inRabbitMq: await rabbit.listenDepth(connectorId),
    };
  } finally {
    await product.stop('SIGKILL');
    await rabbit.deleteConnector(connectorId).catch(() => undefined);
    await rabbit.close();
    await Promise.all([platform.stop(), vendor.stop()]);
    rmSync(stateDir, { recursive: true, force: true });
  }
}

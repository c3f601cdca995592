import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenCtiStandIn, type WorkRecord } from '../../local/stand-in/opencti-stand-in';
import { PlatformRabbit } from '../../local/stand-in/platform-rabbit';
import { ipv4Addr } from '../../shared/stix';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { eventually, freePort, ProductProcess } from './product';

/** Works per fault: enough that a kill lands with hundreds in flight and hundreds still queued. */
const WORKS = 1_000;
const TOKEN = `zero-loss-${randomUUID()}`;
const HOST_ANSWER = JSON.parse(readFileSync(join(__dirname, '../fixtures/shodan-internetdb/host/response.json'), 'utf8'));

/**
 * Issue #12's fault test: the product started as a user starts it (`node dist/local/main.js`),
 * real RabbitMQ, 1,000 works published to the platform's listen queue, a vendor 50 ms away, and a
 * kill mid-stream (SIGKILL of the process group, as an OOM kill or a power loss; SIGINT, Ctrl-C;
 * SIGTERM, `docker stop`). After a restart every work must reach toProcessed, none in error.
 */
describe('zero loss on one machine (real RabbitMQ, product killed mid-stream and restarted)', () => {
  const rabbit = new PlatformRabbit();
  const platform = new OpenCtiStandIn({ tokens: [TOKEN], platformRabbit: rabbit });
  const vendor = new ScriptedVendor({ latencyMs: 50, fallback: { status: 200, body: HOST_ANSWER } });
  const connectors: string[] = [];
  const losses: string[] = [];

  beforeAll(() => Promise.all([platform.start(), vendor.start()]));
  afterAll(async () => {
    console.log(`Zero-loss fault test, ${WORKS} works each:\n${losses.join('\n')}`);
    for (const id of connectors) await rabbit.deleteConnector(id).catch(() => undefined);
    await rabbit.close();
    await Promise.all([platform.stop(), vendor.stop()]);
  });

  it.each([['SIGKILL' as const], ['SIGINT' as const], ['SIGTERM' as const]])(
    '%s mid-stream: every work reaches toProcessed after a restart',
    async (signal) => {
      const connectorId = randomUUID();
      connectors.push(connectorId);
      const stateDir = mkdtempSync(join(tmpdir(), 'zero-loss-'));
      const env = {
        CONNECTOR_SERVICE: 'shodan-internetdb',
        OPENCTI_URL: platform.url,
        OPENCTI_TOKEN: TOKEN,
        CONNECTOR_ID: connectorId,
        CONNECTOR_NAME: `Zero loss ${signal}`,
        CONNECTOR_SCOPE: 'IPv4-Addr',
        CONNECTOR_LOG_LEVEL: 'error',
        SHODAN_INTERNETDB_BASE_URL: vendor.url,
        PIPELINE_CONCURRENCY: '2',
        PIPELINE_RETRY_BASE_SECONDS: '1',
        PIPELINE_RETRY_MAX_SECONDS: '2',
        BRIDGE_HEALTH_PORT: String(await freePort()),
        LOCAL_STATE_DIR: stateDir,
      };
      let product = new ProductProcess(env);
      try {
        product.start();
        await product.waitFor(/Running 1 connector/);
        await eventually(() => platform.connectors.get(connectorId)?.pings, 30_000, 'registration and first ping');

        const works: WorkRecord[] = [];
        const completed = () => works.filter((w) => w.status === 'complete').length;
        const publishing = (async () => {
          for (let i = 0; i < WORKS; i++) {
            const entity = ipv4Addr(`81.${connectors.length}.${i >> 8}.${i & 255}`);
            works.push(await platform.askEnrichment(connectorId, { entity, entityType: 'IPv4-Addr' }));
          }
        })();
        await eventually(() => completed() >= 150, 120_000, '150 works done');
        const stopped = Date.now();
        const code = await product.stop(signal);
        const stopSeconds = (Date.now() - stopped) / 1000;
        const doneAtKill = completed();
        await publishing;
        expect(doneAtKill).toBeLessThan(WORKS);
        if (signal !== 'SIGKILL') {
          expect(code).toBe(0);
          expect(stopSeconds).toBeLessThan(10);
        }

        product = new ProductProcess(env);
        product.start();
        await product.waitFor(/Running 1 connector/);
        await eventually(() => completed() === WORKS || undefined, 240_000, `all ${WORKS} works done`).catch(() => undefined);
        const missing = works.filter((w) => w.status !== 'complete').length;
        const inError = works.filter((w) => w.errors.length > 0).length;
        losses.push(
          `  ${signal}: ${doneAtKill} done when stopped (stop took ${stopSeconds.toFixed(1)} s), lost ${missing}, in error ${inError}`,
        );
        expect(works).toHaveLength(WORKS);
        expect({ missing, inError }).toEqual({ missing: 0, inError: 0 });
      } finally {
        await product.stop('SIGKILL');
        rmSync(stateDir, { recursive: true, force: true });
      }
    },
    420_000,
  );
});

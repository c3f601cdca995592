import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenCtiStandIn, type WorkRecord } from '../../local/stand-in/opencti-stand-in';
import { PlatformRabbit } from '../../local/stand-in/platform-rabbit';
import { ipv4Addr } from '../../shared/stix';
import { eventually, freePort, ProductProcess } from '../e2e/product';
import { RateLimitedVendor, type RateLimitedVendorOptions } from './rate-limited-vendor';

const HOST_ANSWER = JSON.parse(readFileSync(join(__dirname, '../fixtures/shodan-internetdb/host/response.json'), 'utf8'));

export interface QuotaScenario {
  /** The vendor's limits (its answer is Shodan InternetDB's host fixture). */
  vendor: Omit<RateLimitedVendorOptions, 'answer'>;
  /** `SHODAN_INTERNETDB_*` quota settings (`RATE_LIMIT`, `MANUAL_RESERVE`, `CACHE_TTL`, ...), as a user sets them. */
  settings: Record<string, string>;
  /** One auto-enrichment per entry, asked in this order. */
  addresses: string[];
  /** Give up after this long. @default 300 s */
  timeoutMs?: number;
}

export interface QuotaScenarioResult {
  works: number;
  worksInError: number;
  /** First error message, to show why. */
  firstError?: string;
  vendorCalls: number;
  vendor429s: number;
  vendorCallsDuringStorm: number;
  /** Most calls for one address. */
  maxCallsPerAddress: number;
  /** From the first enrichment asked to the last work completed. */
  seconds: number;
}

/** `count` distinct public-looking IPv4 addresses (11.0.0.0/8: no private, shared or documentation range). */
export const publicAddresses = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `11.${((i + 1) >> 16) & 255}.${((i + 1) >> 8) & 255}.${(i + 1) & 255}`);

/**
 * Shodan InternetDB connectors started as `npm start` starts them (own process, real RabbitMQ, the
 * OpenCTI stand-in), against a rate-limited vendor on loopback: asks one auto-enrichment per
 * address, waits for every work to complete, and counts what the vendor saw.
 */
export async function runQuotaScenario(scenario: QuotaScenario): Promise<QuotaScenarioResult> {
  const token = `quota-${randomUUID()}`;
  const connectorId = randomUUID();
  const rabbit = new PlatformRabbit();
  const platform = new OpenCtiStandIn({ tokens: [token], platformRabbit: rabbit });
  const vendor = new RateLimitedVendor({ ...scenario.vendor, answer: HOST_ANSWER });
  const stateDir = mkdtempSync(join(tmpdir(), 'quota-'));
  await Promise.all([platform.start(), vendor.start()]);
  const product = new ProductProcess({
    CONNECTOR_SERVICE: 'shodan-internetdb',
    OPENCTI_URL: platform.url,
    OPENCTI_TOKEN: token,
    CONNECTOR_ID: connectorId,
    CONNECTOR_NAME: 'Shodan InternetDB (quota)',
    CONNECTOR_SCOPE: 'IPv4-Addr',
    CONNECTOR_AUTO: 'true',
    CONNECTOR_LOG_LEVEL: 'error',
    SHODAN_INTERNETDB_BASE_URL: vendor.url,
    ...Object.fromEntries(Object.entries(scenario.settings).map(([key, value]) => [`SHODAN_INTERNETDB_${key}`, value])),
    BRIDGE_HEALTH_PORT: String(await freePort()),
    LOCAL_STATE_DIR: stateDir,
  });
  try {
    product.start();
    await product.waitFor(/Running 1 connector/, 60_000);
    await eventually(() => platform.connectors.get(connectorId)?.pings, 60_000, 'registration and first ping');
    await new Promise((r) => setTimeout(r, 500)); // the consumer attaches right after registration
    const started = Date.now();
    const works: WorkRecord[] = [];
    for (const address of scenario.addresses)
      works.push(await platform.askEnrichment(connectorId, { entity: ipv4Addr(address), entityType: 'IPv4-Addr', mode: 'auto' }));
    const timeoutMs = scenario.timeoutMs ?? 300_000;
    await eventually(() => works.every((w) => w.status === 'complete'), timeoutMs, `${works.length} works to complete`).catch(
      (error: Error) => {
        const pending = works.filter((w) => w.status !== 'complete').length;
        throw new Error(`${error.message}: ${pending} pending, ${vendor.calls} vendor calls; output:\n${product.output.slice(-2000)}`);
      },
    );
    const inError = works.filter((w) => w.errors.length > 0);
    return {
      works: works.length,
      worksInError: inError.length,
      firstError: inError[0]?.errors[0],
      vendorCalls: vendor.calls,
      vendor429s: vendor.rateLimited,
      vendorCallsDuringStorm: vendor.duringStorm,
      maxCallsPerAddress: Math.max(0, ...vendor.paths.values()),
      seconds: (Math.max(...works.map((w) => w.completedAt!)) - started) / 1000,
    };
  } finally {
    await product.stop();
    await rabbit.deleteConnector(connectorId).catch(() => undefined);
    await rabbit.close();
    await Promise.all([platform.stop(), vendor.stop()]);
    rmSync(stateDir, { recursive: true, force: true });
  }
}

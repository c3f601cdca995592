import { mkdirSync, writeFileSync } from 'node:fs';
import { publicAddresses, runQuotaScenario, type QuotaScenarioResult } from '../helpers/quota-scenario';

/** The vendor of issue #11: 20 requests per 10 s, 429 with Retry-After beyond. */
const VENDOR = { limit: 20, windowMs: 10_000 };
const DISTINCT = 100;
const REPEATS = 3;
const STORM_WORKS = 2_000;
const STORM_MS = 30_000;

/** `+5 %`, `-12 %`. */
const signedPercent = (ratio: number): string => `${ratio >= 0 ? '+' : '-'}${Math.abs(100 * ratio).toFixed(0)} %`;

export interface QuotaBench {
  /** RATE_LIMIT=20/10s, no manual reserve: 300 works, 100 addresses. */
  limited: QuotaScenarioResult;
  /** The same with the default 20 % manual reserve: auto-enrichment gets 16 of every 20. */
  limitedWithReserve: QuotaScenarioResult;
  /** No rate limit configured: only the vendor's 429s slow the connector down. */
  unlimited: QuotaScenarioResult;
  /** 2,000 works while the vendor answers 429 `Retry-After: 1` for 30 s. */
  storm: QuotaScenarioResult;
}

/** Seconds the quota allows `calls` calls in at `perWindow` per window: 100 calls at 20/10s = 50 s (issue #11's reference). */
const quotaMinimum = (calls: number, perWindow: number): number => (calls / perWindow) * (VENDOR.windowMs / 1000);

/**
 * Quota governance through `npm start` (own process, real RabbitMQ, OpenCTI stand-in, default
 * concurrency) against a rate-limited vendor on loopback. Each address is asked three times, in
 * three rounds; the answer cache (the service's default TTL) serves the repeats.
 */
export async function benchQuota(log: (line: string) => void = () => undefined): Promise<QuotaBench> {
  const repeated = Array.from({ length: REPEATS }, () => publicAddresses(DISTINCT)).flat();
  log(`quota: ${repeated.length} works for ${DISTINCT} addresses, vendor 20/10s, RATE_LIMIT=20/10s, MANUAL_RESERVE=0...`);
  const limited = await runQuotaScenario({ vendor: VENDOR, settings: { RATE_LIMIT: '20/10s', MANUAL_RESERVE: '0' }, addresses: repeated });
  log('quota: the same with the default 20 % manual reserve...');
  const limitedWithReserve = await runQuotaScenario({ vendor: VENDOR, settings: { RATE_LIMIT: '20/10s' }, addresses: repeated });
  log('quota: the same with no rate limit configured...');
  const unlimited = await runQuotaScenario({ vendor: VENDOR, settings: { RATE_LIMIT: 'none' }, addresses: repeated });
  log(`quota: ${STORM_WORKS} works while the vendor answers 429 Retry-After: 1 for ${STORM_MS / 1000} s...`);
  const storm = await runQuotaScenario({
    vendor: { stormMs: STORM_MS },
    settings: { RATE_LIMIT: 'none' },
    addresses: publicAddresses(STORM_WORKS),
    timeoutMs: 900_000,
  });
  return { limited, limitedWithReserve, unlimited, storm };
}

/** The bench's table rows: measure, figure, target (issue #11). */
export function quotaRows(q: QuotaBench): Array<[string, string, string]> {
  const counts = (r: QuotaScenarioResult) => `${r.vendorCalls} calls, ${r.vendor429s} × 429, ${r.worksInError} in error`;
  const elapsed = (r: QuotaScenarioResult, minimum: number) =>
    `${r.seconds.toFixed(1)} s (quota minimum ${minimum.toFixed(1)} s, ${signedPercent((r.seconds - minimum) / minimum)})`;
  const works = `${DISTINCT * REPEATS} works / ${DISTINCT} addresses, vendor 20/10s`;
  return [
    [`quota: ${works}, RATE_LIMIT=20/10s, reserve 0`, counts(q.limited), '≤ 110 calls, 0 × 429, 0 in error'],
    ['  elapsed', elapsed(q.limited, quotaMinimum(q.limited.vendorCalls, VENDOR.limit)), 'within 20 % of the minimum'],
    ['quota: the same, default manual reserve 20 % (auto gets 16/10s)', counts(q.limitedWithReserve), '0 × 429, 0 in error'],
    ['  elapsed', elapsed(q.limitedWithReserve, quotaMinimum(q.limitedWithReserve.vendorCalls, 16)), ''],
    ['quota: the same, no rate limit configured', counts(q.unlimited), '≤ 200 calls, 0 in error'],
    ['  elapsed', `${q.unlimited.seconds.toFixed(1)} s`, ''],
    [`quota: ${STORM_WORKS} works, vendor 429 Retry-After: 1 for ${STORM_MS / 1000} s`, counts(q.storm), '0 in error'],
    ['  vendor calls during the storm; elapsed', `${q.storm.vendorCallsDuringStorm}; ${q.storm.seconds.toFixed(1)} s`, '≤ 50 calls'],
  ];
}

/** `npm run bench:quota`: this section alone, written to bench-results/quota.json. */
async function main(): Promise<void> {
  const q = await benchQuota((line) => process.stderr.write(`${line}\n`));
  const rows = quotaRows(q);
  const width = Math.max(...rows.map((r) => r[0].length));
  const width2 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(width)}  ${b.padEnd(width2)}  ${c}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/quota.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, quota: q }, null, 2));
  console.log('\nwritten: bench-results/quota.json');
}

if (require.main === module)
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`quota bench failed: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );

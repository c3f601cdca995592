import { parseRateLimit, type QuotaPolicy, type QuotaStore } from '../../shared/quota';
import { useDynalite } from './dynalite-server';
import { fakeClock, storeKinds } from './stores';

const dynamo = useDynalite();
const policy = (limit: string): QuotaPolicy => ({ windows: parseRateLimit(limit, 'TEST_RATE_LIMIT'), manualReserve: 0 });

/** 20 workers asking again and again (real clock) until `ms` have passed; the times of every attempt and grant. */
async function hammer(store: QuotaStore, limit: QuotaPolicy, ms: number): Promise<{ attempts: number[]; grants: number[] }> {
  const attempts: number[] = [];
  const grants: number[] = [];
  const deadline = Date.now() + ms;
  const worker = async () => {
    while (Date.now() < deadline) {
      attempts.push(Date.now());
      const result = await store.acquire('vt', limit, 'auto');
      if (result.granted) grants.push(result.at);
      // Ask again at once rather than at retryAt, to keep the workers racing.
      else await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return { attempts, grants };
}
const WORKERS = 20;

/** The most grants that fall in one closed interval [t, t + period]. */
const busiestInterval = (grants: number[], period: number): number =>
  Math.max(...grants.map((from) => grants.filter((at) => at >= from && at <= from + period).length));

describe.each(storeKinds(dynamo))('20 concurrent workers ($name)', ({ create }) => {
  it('get exactly the limit between them when they all ask at the same instant', async () => {
    const store = await create({ now: fakeClock().now });

    const results = await Promise.all(Array.from({ length: WORKERS }, () => store.acquire('vt', policy('10/s'), 'auto')));

    expect(results.filter((r) => r.granted)).toHaveLength(10);
    expect(await store.usage('vt', policy('10/s'))).toMatchObject({ windows: [{ used: 10 }] });
  });

  it('never get more than 10 calls while hammering 10/m', async () => {
    const store = await create({ now: Date.now });

    const { attempts, grants } = await hammer(store, policy('10/m'), 2_000);

    expect(attempts.length).toBeGreaterThan(20); // the workers asked for far more than the limit
    expect(grants.length).toBeGreaterThanOrEqual(1);
    expect(grants.length).toBeLessThanOrEqual(10);
  });

  it('never get more than 10 calls into any 3 s while hammering 10/3s as the window slides', async () => {
    const store = await create({ now: Date.now });

    const { attempts, grants } = await hammer(store, policy('10/3s'), 4_000);

    expect(busiestInterval(attempts, 3_000)).toBeGreaterThan(20);
    expect(grants.length).toBeGreaterThanOrEqual(1);
    expect(busiestInterval(grants, 3_000)).toBeLessThanOrEqual(10);
  });
});

import { parseRateLimit, type QuotaPolicy, type QuotaStore } from '../../shared/quota';
import { useDynalite } from './dynalite-server';
import { fakeClock, storeKinds } from './stores';

const dynamo = useDynalite();
const policy = (limit: string, manualReserve?: number): QuotaPolicy => ({
  windows: parseRateLimit(limit, 'TEST_RATE_LIMIT'),
  manualReserve,
});

describe.each(storeKinds(dynamo))('manual reserve ($name)', ({ create }) => {
  let store: QuotaStore;
  const granted = async (limit: QuotaPolicy, priority: 'auto' | 'manual', calls: number): Promise<number> => {
    let count = 0;
    for (let i = 0; i < calls; i++) if ((await store.acquire('vt', limit, priority)).granted) count++;
    return count;
  };

  beforeEach(async () => {
    store = await create({ now: fakeClock().now });
  });

  it('keeps 20% of each window for manual enrichments by default: auto gets floor(0.8 × 4) = 3 of 4/m', async () => {
    expect(await granted(policy('4/m'), 'auto', 5)).toBe(3);

    const refused = await store.acquire('vt', policy('4/m'), 'auto');
    const manual = await store.acquire('vt', policy('4/m'), 'manual');

    expect(refused).toMatchObject({ granted: false, reason: 'window', window: '4/m', limit: 3 });
    expect(manual.granted).toBe(true);
    expect(await store.acquire('vt', policy('4/m'), 'manual')).toMatchObject({ granted: false, window: '4/m', limit: 4 });
  });

  it('applies the configured reserve to every window', async () => {
    expect(await granted(policy('10/m,100/d', 0.5), 'auto', 10)).toBe(5);
    expect(await granted(policy('10/m,100/d', 0.5), 'manual', 10)).toBe(5);
  });

  it('counts manual calls against what auto may use', async () => {
    expect(await granted(policy('4/m'), 'manual', 3)).toBe(3);
    expect(await granted(policy('4/m'), 'auto', 1)).toBe(0);
    expect(await granted(policy('4/m'), 'manual', 1)).toBe(1);
  });

  it('still lets auto make one call in a window too small to share (1/s)', async () => {
    expect(await granted(policy('1/s'), 'auto', 2)).toBe(1);
  });

  it('gives auto the whole window with a reserve of 0', async () => {
    expect(await granted(policy('4/m', 0), 'auto', 5)).toBe(4);
  });
});

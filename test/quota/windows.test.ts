import { parseRateLimit, type QuotaPolicy, type QuotaStore } from '../../shared/quota';
import { useDynalite } from './dynalite-server';
import { fakeClock, storeKinds } from './stores';
import { transitMarginMs } from '../../shared/quota/quota-state';

const dynamo = useDynalite();
const MINUTE = 60_000;
// No reserve here: these tests are about the windows alone (reserve.test.ts covers the reserve).
const policy = (limit: string): QuotaPolicy => ({ windows: parseRateLimit(limit, 'TEST_RATE_LIMIT'), manualReserve: 0 });

describe.each(storeKinds(dynamo))('rate-limit windows ($name)', ({ create }) => {
  let clock: ReturnType<typeof fakeClock>;
  let store: QuotaStore;
  const grantsNow = async (limit: string, calls: number): Promise<number> => {
    let granted = 0;
    for (let i = 0; i < calls; i++) if ((await store.acquire('vt', policy(limit), 'auto')).granted) granted++;
    return granted;
  };

  beforeEach(async () => {
    clock = fakeClock();
    store = await create({ now: clock.now });
  });

  it('grants count calls, then refuses with the window and when the first call leaves it', async () => {
    const start = clock.now();
    expect(await grantsNow('4/m', 4)).toBe(4);

    const refused = await store.acquire('vt', policy('4/m'), 'auto');

    expect(refused).toMatchObject({ granted: false, reason: 'window', window: '4/m', limit: 4 });
    // A minute after the first call and the margin for its transit to the vendor, give or take the 1% the store's buckets cost.
    const counted = MINUTE + transitMarginMs(MINUTE);
    expect(transitMarginMs(MINUTE)).toBe(600);
    expect(refused.granted === false && refused.retryAt).toBeGreaterThanOrEqual(start + counted);
    expect(refused.granted === false && refused.retryAt).toBeLessThanOrEqual(start + counted * 1.01);
  });

  it('grants again at retryAt, not a millisecond before', async () => {
    await grantsNow('4/m', 4);
    const refused = await store.acquire('vt', policy('4/m'), 'auto');
    if (refused.granted) throw new Error('expected a refusal');

    clock.set(refused.retryAt - 1);
    expect((await store.acquire('vt', policy('4/m'), 'auto')).granted).toBe(false);
    clock.set(refused.retryAt);
    expect(await store.acquire('vt', policy('4/m'), 'auto')).toEqual({ granted: true, at: refused.retryAt });
  });

  it('slides: no second burst at a minute boundary, as a fixed-window counter would allow', async () => {
    clock.advance(59_000);
    expect(await grantsNow('4/m', 4)).toBe(4);
    clock.advance(2_000); // a fixed window would have restarted at 60 s
    expect(await grantsNow('4/m', 4)).toBe(0);
  });

  it('frees each call a period after it was made', async () => {
    expect(await grantsNow('4/m', 2)).toBe(2);
    clock.advance(30_000);
    expect(await grantsNow('4/m', 2)).toBe(2);
    clock.advance(31_000); // the first two have left the window, the last two not
    expect(await grantsNow('4/m', 4)).toBe(2);
  });

  it('enforces several windows at once and names the one that frees up last', async () => {
    const start = clock.now();
    expect(await grantsNow('4/m,5/h', 1)).toBe(1);
    clock.advance(MINUTE + 1_000);
    expect(await grantsNow('4/m,5/h', 5)).toBe(4); // 4/m is full, and so is 5/h

    const refused = await store.acquire('vt', policy('4/m,5/h'), 'auto');

    expect(refused).toMatchObject({ granted: false, window: '5/h', limit: 5 });
    expect(refused.granted === false && refused.retryAt).toBeGreaterThanOrEqual(start + 60 * MINUTE);
  });

  it('never lets more than count calls into any interval of one period', async () => {
    const grants: number[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let step = 0; step < 150; step++) {
      clock.advance(Math.floor(random() * 8_000));
      const result = await store.acquire('vt', policy('4/m,10/5m'), 'auto');
      if (result.granted) grants.push(result.at);
    }
    for (const [limit, period] of [
      [4, MINUTE],
      [10, 5 * MINUTE],
    ] as const) {
      const busiest = Math.max(...grants.map((from) => grants.filter((at) => at >= from && at <= from + period).length));
      expect(busiest).toBe(limit);
    }
  });

  it('grants every call under none', async () => {
    expect(await grantsNow('none', 20)).toBe(20);
  });

  it('keeps connectors apart', async () => {
    await grantsNow('4/m', 4);
    expect((await store.acquire('abuseipdb', policy('4/m'), 'auto')).granted).toBe(true);
  });

  it('shows used / limit / resets at per window', async () => {
    const start = clock.now();
    await grantsNow('4/m,500/d', 3);
    clock.advance(10_000);

    const usage = await store.usage('vt', { windows: parseRateLimit('4/m,500/d', 'X') });

    expect(usage).toMatchObject({
      probing: false,
      windows: [
        { window: '4/m', used: 3, limit: 4, autoLimit: 3 },
        { window: '500/d', used: 3, limit: 500, autoLimit: 400 },
      ],
    });
    expect(usage.pausedUntil).toBeUndefined();
    const counted = MINUTE + transitMarginMs(MINUTE);
    expect(usage.windows[0]?.resetsAt).toBeGreaterThanOrEqual(start + counted);
    expect(usage.windows[0]?.resetsAt).toBeLessThanOrEqual(start + counted * 1.01);
    clock.advance(counted * 1.01);
    expect((await store.usage('vt', policy('4/m'))).windows[0]).toEqual({ window: '4/m', used: 0, limit: 4, autoLimit: 4 });
  });
});

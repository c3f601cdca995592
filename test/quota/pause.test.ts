import { parseRateLimit, type AcquireResult, type QuotaPolicy, type QuotaStore } from '../../shared/quota';
import { useDynalite } from './dynalite-server';
import { fakeClock, storeKinds } from './stores';

const dynamo = useDynalite();
const SECOND = 1_000;
const LEASE = 30 * SECOND;
const unlimited: QuotaPolicy = { windows: [] };
const probeOf = (result: AcquireResult): string => {
  if (!result.granted || result.probe === undefined) throw new Error(`expected a probe, got ${JSON.stringify(result)}`);
  return result.probe;
};

describe.each(storeKinds(dynamo))('vendor pause and half-open probe ($name)', ({ create }) => {
  let clock: ReturnType<typeof fakeClock>;
  let store: QuotaStore;

  beforeEach(async () => {
    clock = fakeClock();
    store = await create({ now: clock.now, probeLeaseMs: LEASE, pauseBackoff: { baseMs: 10 * SECOND, maxMs: 60 * SECOND } });
  });

  it("refuses every caller, manual too, until the vendor's Retry-After", async () => {
    const until = clock.now() + 5 * SECOND;

    expect(await store.pause('vt', until)).toBe(until);

    expect(await store.acquire('vt', unlimited, 'auto')).toEqual({ granted: false, reason: 'paused', retryAt: until });
    expect(await store.acquire('vt', unlimited, 'manual')).toEqual({ granted: false, reason: 'paused', retryAt: until });
    expect(await store.usage('vt', unlimited)).toEqual({ windows: [], pausedUntil: until, probing: false });
  });

  it('lets exactly one caller probe when the pause ends; the others wait for its lease', async () => {
    await store.pause('vt', clock.now() + 5 * SECOND);
    clock.advance(5 * SECOND);

    const first = await store.acquire('vt', unlimited, 'auto');
    const second = await store.acquire('vt', unlimited, 'manual');

    expect(first).toEqual({ granted: true, at: clock.now(), probe: expect.any(String) });
    expect(second).toEqual({ granted: false, reason: 'probing', retryAt: clock.now() + LEASE });
    expect((await store.usage('vt', unlimited)).probing).toBe(true);
  });

  it('closes the circuit when the probe succeeds: every caller goes, and later grants are no probes', async () => {
    await store.pause('vt', clock.now());
    const probe = probeOf(await store.acquire('vt', unlimited, 'auto'));

    await store.resume('vt', probe);

    expect(await store.acquire('vt', unlimited, 'auto')).toEqual({ granted: true, at: clock.now() });
    expect(await store.acquire('vt', unlimited, 'auto')).toEqual({ granted: true, at: clock.now() });
    expect(await store.usage('vt', unlimited)).toEqual({ windows: [], probing: false });
  });

  it('gives the probe to another caller when the prober never reports (lease expired), and ignores the stale report', async () => {
    await store.pause('vt', clock.now());
    const crashed = probeOf(await store.acquire('vt', unlimited, 'auto'));
    clock.advance(LEASE - 1);
    expect((await store.acquire('vt', unlimited, 'auto')).granted).toBe(false);
    clock.advance(1);

    const replacement = probeOf(await store.acquire('vt', unlimited, 'auto'));
    await store.resume('vt', crashed);

    expect(replacement).not.toBe(crashed);
    expect(await store.acquire('vt', unlimited, 'auto')).toMatchObject({ granted: false, reason: 'probing' });
  });

  it('re-pauses with a doubling backoff while probes fail without Retry-After, and starts over after a success', async () => {
    const pauses: number[] = [];
    let probe = '';
    for (let i = 0; i < 4; i++) {
      const start = clock.now();
      const end = await store.pause('vt'); // the probe (or the first call) got a 429 without Retry-After
      pauses.push(end - start);
      clock.set(end);
      probe = probeOf(await store.acquire('vt', unlimited, 'auto'));
    }
    expect(pauses).toEqual([10 * SECOND, 20 * SECOND, 40 * SECOND, 60 * SECOND]); // capped at maxMs

    await store.resume('vt', probe);

    expect((await store.pause('vt')) - clock.now()).toBe(10 * SECOND);
  });

  it('counts a burst of 429s from many workers as one pause', async () => {
    const start = clock.now();
    const ends = await Promise.all(Array.from({ length: 20 }, () => store.pause('vt')));
    expect(new Set(ends)).toEqual(new Set([start + 10 * SECOND]));

    clock.set(start + 10 * SECOND);
    expect((await store.pause('vt')) - clock.now()).toBe(20 * SECOND); // the second pause, not the 21st
  });

  it("uses the vendor's Retry-After whatever the backoff, but never shortens a running pause", async () => {
    const start = clock.now();
    await store.pause('vt', start + 60 * SECOND);
    expect(await store.pause('vt', start + SECOND)).toBe(start + 60 * SECOND);
    clock.set(start + 60 * SECOND);
    expect(await store.pause('vt', start + 61 * SECOND)).toBe(start + 61 * SECOND);
  });

  it('gives the probe only when the windows have room, and counts it', async () => {
    const policy: QuotaPolicy = { windows: parseRateLimit('1/m', 'TEST_RATE_LIMIT') };
    expect((await store.acquire('vt', policy, 'auto')).granted).toBe(true);
    await store.pause('vt', clock.now() + SECOND);
    clock.advance(SECOND);

    expect(await store.acquire('vt', policy, 'auto')).toMatchObject({ granted: false, reason: 'window' });
    clock.advance(60 * SECOND);
    probeOf(await store.acquire('vt', policy, 'auto'));
    expect((await store.usage('vt', policy)).windows[0]?.used).toBe(1);
  });

  it('hands out one probe to 20 workers asking at once', async () => {
    await store.pause('vt', clock.now());

    const results = await Promise.all(Array.from({ length: 20 }, () => store.acquire('vt', unlimited, 'auto')));

    expect(results.filter((r) => r.granted)).toHaveLength(1);
    expect(results.filter((r) => !r.granted && r.reason === 'probing')).toHaveLength(19);
  });
});

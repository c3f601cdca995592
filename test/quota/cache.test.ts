import { cacheKey, type QuotaStore } from '../../shared/quota';
import { useDynalite } from './dynalite-server';
import { fakeClock, storeKinds } from './stores';

const dynamo = useDynalite();
const HOUR = 3_600_000;
const answer = { ipAddress: '8.8.8.8', abuseConfidenceScore: 0, reports: [{ categories: [18, 22] }] };
// A JSON string of `bytes` bytes in all.
const answerOfBytes = (bytes: number): string => 'x'.repeat(bytes - 2);

describe.each(storeKinds(dynamo))('result cache ($name)', ({ create }) => {
  let clock: ReturnType<typeof fakeClock>;
  let store: QuotaStore;

  beforeEach(async () => {
    clock = fakeClock();
    store = await create({ now: clock.now });
  });

  it('returns the stored answer with its age', async () => {
    const storedAt = clock.now();
    expect(await store.putCached('abuseipdb/IPv4-Addr/a', answer, 86_400)).toBe(true);
    clock.advance(2 * HOUR);

    expect(await store.getCached('abuseipdb/IPv4-Addr/a')).toEqual({ value: answer, storedAt, ageMs: 2 * HOUR });
  });

  it('forgets the answer once its TTL has passed, even when it is still stored', async () => {
    await store.putCached('k', answer, 60);
    clock.advance(60_000 - 1);
    expect(await store.getCached('k')).toBeDefined();
    clock.advance(1);
    expect(await store.getCached('k')).toBeUndefined();
  });

  it('caches nothing with a TTL of 0', async () => {
    expect(await store.putCached('k', answer, 0)).toBe(false);
    expect(await store.getCached('k')).toBeUndefined();
  });

  it('does not cache an answer over 350 KB', async () => {
    expect(await store.putCached('small', answerOfBytes(350 * 1024), 60)).toBe(true);
    expect(await store.putCached('large', answerOfBytes(350 * 1024 + 1), 60)).toBe(false);
    expect(await store.getCached('large')).toBeUndefined();
    expect((await store.getCached('small'))?.value).toHaveLength(350 * 1024 - 2);
  });

  it('hands out copies: changing a returned answer does not change the cache', async () => {
    await store.putCached('k', answer, 60);
    const first = await store.getCached('k');
    (first?.value as typeof answer).abuseConfidenceScore = 100;
    expect((await store.getCached('k'))?.value).toEqual(answer);
  });

  it('replaces an answer stored under the same key', async () => {
    await store.putCached('k', answer, 60);
    clock.advance(1_000);
    await store.putCached('k', { ...answer, abuseConfidenceScore: 7 }, 60);
    expect(await store.getCached('k')).toMatchObject({ value: { abuseConfidenceScore: 7 }, ageMs: 0 });
  });

  it('rejects an answer with no JSON form', async () => {
    await expect(store.putCached('k', undefined, 60)).rejects.toThrow(TypeError);
  });
});

describe('cacheKey', () => {
  const parts = { service: 'abuseipdb', entityType: 'IPv4-Addr', value: '8.8.8.8', variant: { maxAgeInDays: 90, verbose: true } };

  it('starts with the service and entity type and is stable whatever the variant order', () => {
    const key = cacheKey(parts);
    expect(key).toMatch(/^abuseipdb\/IPv4-Addr\/[A-Za-z0-9_-]{43}$/);
    expect(cacheKey({ ...parts, variant: { verbose: true, maxAgeInDays: 90 } })).toBe(key);
  });

  it.each([
    ['value', { value: '8.8.4.4' }],
    ['entity type', { entityType: 'IPv6-Addr' }],
    ['service', { service: 'ipinfo' }],
    ['variant', { variant: { maxAgeInDays: 30, verbose: true } }],
  ])('changes with the %s', (_, change) => {
    expect(cacheKey({ ...parts, ...change })).not.toBe(cacheKey(parts));
  });
});

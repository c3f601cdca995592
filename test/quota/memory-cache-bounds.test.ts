import { MemoryQuotaStore } from '../../shared/quota';
import { fakeClock } from './stores';

describe('MemoryQuotaStore answer cache bounds', () => {
  it('drops the least recently used answer beyond maxEntries', async () => {
    const store = new MemoryQuotaStore({ now: fakeClock().now, cache: { maxEntries: 2 } });
    await store.putCached('a', 1, 60);
    await store.putCached('b', 2, 60);
    await store.getCached('a'); // a is now more recent than b

    await store.putCached('c', 3, 60);

    expect(await store.getCached('a')).toBeDefined();
    expect(await store.getCached('b')).toBeUndefined();
    expect(await store.getCached('c')).toBeDefined();
  });

  it('drops the least recently used answers beyond maxTotalBytes', async () => {
    const store = new MemoryQuotaStore({ now: fakeClock().now, cache: { maxTotalBytes: 1_000 } });
    const answer = 'x'.repeat(398); // 400 bytes of JSON
    await store.putCached('a', answer, 60);
    await store.putCached('b', answer, 60);

    await store.putCached('c', answer, 60);

    expect(await store.getCached('a')).toBeUndefined();
    expect(await store.getCached('b')).toBeDefined();
    expect(await store.getCached('c')).toBeDefined();
  });

  it('does not cache an answer larger than the whole cache', async () => {
    const store = new MemoryQuotaStore({ now: fakeClock().now, cache: { maxTotalBytes: 100 } });
    expect(await store.putCached('a', 'x'.repeat(200), 60)).toBe(false);
  });
});

import { loadConnectorConfig } from '../../shared/config';
import type { RecordOutcome } from '../../shared/pipeline';
import { MemoryQuotaStore } from '../../shared/quota';
import { QuotaHealth } from '../../local/quota-health';
import { LocalStats, printsOutcome } from '../../local/stats';
import { fakeClock } from '../quota/stores';

const CONNECTOR = '0b0c8a6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const outcome = (status: RecordOutcome['status'], extra: Partial<RecordOutcome> = {}): RecordOutcome => ({
  status,
  messageId: 'm',
  message: '',
  objectCount: 0,
  durationMs: 1,
  ...extra,
});

describe('the local count line and /health with quota governance', () => {
  it('counts answers from the cache and the records waiting now, each work once', () => {
    const stats = new LocalStats(['Shodan']);
    stats.record('Shodan', outcome('enriched', { cache: 'miss' }));
    stats.record('Shodan', outcome('enriched', { cache: 'hit' }));
    stats.record('Shodan', outcome('waiting', { cache: 'miss' }));
    stats.record('Shodan', outcome('waiting', { cache: 'miss' }));
    // The first waiting record hops again, then the second comes back and is enriched.
    stats.record('Shodan', outcome('waiting', { waitingSince: 1 }));
    stats.record('Shodan', outcome('enriched', { waitingSince: 1, cache: 'hit' }));
    // A copy passed on to the DLQ was counted by its last attempt.
    stats.record('Shodan', outcome('dead-letter', { waitingSince: 1 }));

    expect(stats.summaryLines()).toEqual([
      '[Shodan] received 4 · enriched 3 · no data 0 · skipped 0 · retried 0 · failed 0 · cached 2 · waiting 1 · DLQ 0',
    ]);
    expect(stats.counts.get('Shodan')).toMatchObject({ cacheHits: 2, cacheMisses: 3 });
  });

  it('prints the start of a wait and its end, not every hop in between', () => {
    expect(printsOutcome(outcome('waiting'))).toBe(true);
    expect(printsOutcome(outcome('waiting', { waitingSince: 1 }))).toBe(false);
    expect(printsOutcome(outcome('enriched', { waitingSince: 1 }))).toBe(true);
    expect(printsOutcome(outcome('dead-letter'))).toBe(false);
  });

  it('reports each window (used / limit / resets at), the pause, the cache and the waiting records per connector', async () => {
    const clock = fakeClock(Date.UTC(2026, 0, 1, 12));
    const store = new MemoryQuotaStore({ now: clock.now });
    const config = loadConnectorConfig(
      {
        env: {},
        yaml: {
          opencti: { url: 'http://opencti:8080', token: 'tok-123456' },
          connector: { id: CONNECTOR, name: 'Shodan', scope: 'IPv4-Addr' },
          shodan_internetdb: { rate_limit: '20/10s,1000/d', cache_ttl: 3600 },
        },
      },
      { name: 'shodan-internetdb', apiKey: 'none', defaultBaseUrl: 'https://internetdb.shodan.io' },
    );
    const stats = new LocalStats(['Shodan']);
    stats.record('Shodan', outcome('waiting', { cache: 'miss' }));
    const health = new QuotaHealth(store, [{ config }], stats);
    const policy = { windows: config.service.quota.rateLimit, manualReserve: 0.2 };
    for (let i = 0; i < 3; i++) await store.acquire(CONNECTOR, policy, 'auto');
    await store.pause(CONNECTOR, clock.now() + 30_000);
    await health.refresh();

    expect(health.of(CONNECTOR)).toEqual({
      rateLimit: '20/10s,1000/d',
      windows: [
        // Each resets one period, the transit margin (250 ms; 1 min for a day) and the rest of the oldest call's bucket after it.
        { window: '20/10s', used: 3, limit: 20, autoLimit: 16, resetsAt: '2026-01-01T12:00:10.295Z' },
        { window: '1000/d', used: 3, limit: 1000, autoLimit: 800, resetsAt: '2026-01-02T12:07:42.600Z' },
      ],
      pausedUntil: '2026-01-01T12:00:30.000Z',
      probing: false,
      cache: { ttlSeconds: 3600, hits: 0, misses: 1 },
      waiting: 1,
    });
    expect(health.of('another-connector')).toBeUndefined();
  });
});

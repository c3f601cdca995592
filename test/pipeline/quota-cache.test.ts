import { ScriptedVendor } from '../helpers/scripted-vendor';
import { CONNECTOR_ID, newPlatform } from './fake-service';
import { ipEntity, modernMessage } from './messages';
import { quotaHarness, warmUpSchema } from './quota-harness';

const HOUR = 3_600_000;

describe('the answer cache in the pipeline', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  beforeAll(async () => {
    warmUpSchema();
    await Promise.all([platform.start(), vendor.start()]);
    for (const ip of ['8.8.8.8', '8.8.4.4', '9.9.9.9', '1.0.0.1', '1.0.0.2'])
      vendor.script(`/lookup/${ip}`, { status: 200, body: { cves: ['CVE-2021-44228'], domains: ['dns.example.net'], score: 30 } });
  });
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));

  const enrich = async (q: ReturnType<typeof quotaHarness>, ip: string, mode: 'auto' | 'manual' = 'auto') => {
    const work = platform.createWork(CONNECTOR_ID);
    await q.deliver([{ id: `${ip}-${work.id}`, body: modernMessage(ipEntity(ip), work.id, mode) }]);
    return work;
  };

  it('answers the same lookup within the TTL without a vendor call, maps the answer again and says how old it is', async () => {
    const q = quotaHarness(platform, vendor, { cacheTtlSeconds: 86_400 });
    const first = await enrich(q, '8.8.8.8');
    q.clock.advance(2 * HOUR);
    const second = await enrich(q, '8.8.8.8');

    expect(vendor.calls('/lookup/8.8.8.8')).toBe(1);
    expect(first.messages.at(-1)).toBe('entity updated, 4 objects: 2 relationships, 1 domain name, 1 vulnerability');
    expect(second.messages.at(-1)).toBe('entity updated, 4 objects: 2 relationships, 1 domain name, 1 vulnerability (from cache, 2 h old)');
    const bundles = [first, second].map((w) => platform.pushed.find((p) => p.workId === w.id)!.bundle);
    // Mapped again, now: dated by this run's clock, the same objects otherwise.
    expect(bundles[1]!.objects.map((o) => o.id)).toEqual(bundles[0]!.objects.map((o) => o.id));
    expect(bundles[1]!.objects.find((o) => o.type === 'relationship')!.created).toBe(new Date(q.clock.now()).toISOString());
    expect(q.outcomes.map((o) => o.cache)).toEqual(['miss', 'hit']);
  });

  it('keeps "no data" answers too, and asks again once the TTL is over', async () => {
    const q = quotaHarness(platform, vendor, { cacheTtlSeconds: HOUR / 1000 });
    await enrich(q, '1.1.1.1');
    q.clock.advance(10 * 60_000);
    const cached = await enrich(q, '1.1.1.1');
    expect(cached.messages.at(-1)).toBe('no data: fake-intel has nothing on this IPv4-Addr (from cache, 10 min old)');
    expect(vendor.calls('/lookup/1.1.1.1')).toBe(1);
    q.clock.advance(HOUR);
    await enrich(q, '1.1.1.1');
    expect(vendor.calls('/lookup/1.1.1.1')).toBe(2);
  });

  it('lets a manual enrichment ask the vendor again when FAKE_INTEL_MANUAL_BYPASS_CACHE is true, and only then', async () => {
    const keeping = quotaHarness(platform, vendor, { cacheTtlSeconds: 86_400 });
    await enrich(keeping, '8.8.4.4');
    await enrich(keeping, '8.8.4.4', 'manual');
    expect(vendor.calls('/lookup/8.8.4.4')).toBe(1);

    const bypassing = quotaHarness(platform, vendor, { cacheTtlSeconds: 86_400, manualBypassCache: true });
    await enrich(bypassing, '9.9.9.9');
    await enrich(bypassing, '9.9.9.9', 'auto');
    const manual = await enrich(bypassing, '9.9.9.9', 'manual');
    expect(vendor.calls('/lookup/9.9.9.9')).toBe(2);
    expect(manual.messages.at(-1)).not.toMatch(/from cache/);
  });

  it('caches nothing with a TTL of 0', async () => {
    const q = quotaHarness(platform, vendor, { cacheTtlSeconds: 0 });
    await enrich(q, '1.0.0.1');
    await enrich(q, '1.0.0.1');
    expect(vendor.calls('/lookup/1.0.0.1')).toBe(2);
    expect(q.outcomes.map((o) => o.cache)).toEqual([undefined, undefined]);
  });

  it("makes one vendor call for the same entity asked twice at once: the second record takes the first one's answer", async () => {
    const q = quotaHarness(platform, vendor, { cacheTtlSeconds: 86_400 });
    const works = [platform.createWork(CONNECTOR_ID), platform.createWork(CONNECTOR_ID)];
    await q.deliver(works.map((w, i) => ({ id: `same-${i}`, body: modernMessage(ipEntity('1.0.0.2'), w.id) })));
    expect(vendor.calls('/lookup/1.0.0.2')).toBe(1);
    expect(works.map((w) => [w.status, w.errors.length])).toEqual([
      ['complete', 0],
      ['complete', 0],
    ]);
    expect(q.outcomes.map((o) => o.cache).sort()).toEqual(['hit', 'miss']);
  });
});

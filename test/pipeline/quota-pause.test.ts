import { ScriptedVendor } from '../helpers/scripted-vendor';
import { CONNECTOR_ID, newPlatform } from './fake-service';
import { ipEntity, modernMessage } from './messages';
import { quotaHarness, warmUpSchema } from './quota-harness';

const data = { status: 200, body: { cves: [], domains: ['dns.example.net'], score: 10 } };

describe("the pipeline when the vendor says 'slow down'", () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  beforeAll(async () => {
    warmUpSchema();
    await Promise.all([platform.start(), vendor.start()]);
    vendor.script('/lookup/9.9.9.9', { status: 429, headers: { 'Retry-After': '30' } }, data);
    vendor.script('/lookup/9.9.9.10', data);
    vendor.script('/lookup/9.9.9.11', { status: 429 }, { status: 429 }, data);
    vendor.script('/lookup/9.9.9.12', data);
  });
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));

  it('pauses every worker until Retry-After: the record waits instead of spending an attempt, and the others make no call', async () => {
    const q = quotaHarness(platform, vendor);
    const [limited, other] = [platform.createWork(CONNECTOR_ID), platform.createWork(CONNECTOR_ID)];
    const first = await q.deliver([{ id: 'limited', body: modernMessage(ipEntity('9.9.9.9'), limited.id) }]);
    expect(first.batchItemFailures).toEqual([]);
    expect(q.visibility).toEqual([]);
    expect(limited.messages.at(-1)).toBe('waiting: Fake Intel asked to slow down: next try in 30 s');
    expect(q.sent[0]!.delaySeconds).toBeGreaterThanOrEqual(30);

    q.clock.advance(5_000);
    await q.deliver([{ id: 'other', body: modernMessage(ipEntity('9.9.9.10'), other.id) }]);
    expect(vendor.calls('/lookup/9.9.9.10')).toBe(0);
    expect(other.messages.at(-1)).toBe('waiting: Fake Intel asked to slow down: next try in 25 s');

    // Both copies come back together: the first probes the vendor, the second waits a moment for its answer.
    q.clock.advance(27_000);
    await q.deliverDue();
    expect([vendor.calls('/lookup/9.9.9.9'), vendor.calls('/lookup/9.9.9.10')]).toEqual([2, 0]);
    expect(other.messages.at(-1)).toMatch(/^waiting while one call checks that Fake Intel accepts calls again/);
    q.clock.advance(3_000);
    await q.deliverDue();
    expect([vendor.calls('/lookup/9.9.9.9'), vendor.calls('/lookup/9.9.9.10')]).toEqual([2, 1]);
    expect([limited, other].map((w) => [w.status, w.errors])).toEqual([
      ['complete', []],
      ['complete', []],
    ]);
  });

  it('lets one call probe the vendor when the pause ends; the others wait a moment for its answer', async () => {
    const q = quotaHarness(platform, vendor);
    await q.store.pause(CONNECTOR_ID, q.clock.now() + 10_000);
    q.clock.advance(10_000);
    // Another worker has just started the probe.
    const probe = await q.store.acquire(CONNECTOR_ID, { windows: [] }, 'auto');
    expect(probe).toMatchObject({ granted: true, probe: expect.any(String) });

    const work = platform.createWork(CONNECTOR_ID);
    await q.deliver([{ id: 'behind-probe', body: modernMessage(ipEntity('9.9.9.12'), work.id) }]);
    expect(vendor.calls('/lookup/9.9.9.12')).toBe(0);
    expect(work.messages.at(-1)).toMatch(/^waiting while one call checks that Fake Intel accepts calls again: next try in/);
    expect(q.sent[0]!.delaySeconds).toBeLessThanOrEqual(3);

    await q.store.resume(CONNECTOR_ID, (probe as { probe: string }).probe);
    q.clock.advance(3_000);
    await q.deliverDue();
    expect(work).toMatchObject({ status: 'complete', errors: [] });
  });

  it('backs off when the vendor gives no Retry-After, and a failed probe pauses again', async () => {
    const q = quotaHarness(platform, vendor);
    const work = platform.createWork(CONNECTOR_ID);
    await q.deliver([{ id: 'no-retry-after', body: modernMessage(ipEntity('9.9.9.11'), work.id) }]);
    const firstPause = (await q.store.usage(CONNECTOR_ID, { windows: [] })).pausedUntil!;
    expect(firstPause - q.clock.now()).toBe(10_000);

    q.clock.advance(12_000);
    await q.deliverDue();
    // The probe got a second 429: a longer pause, and still no attempt spent.
    const secondPause = (await q.store.usage(CONNECTOR_ID, { windows: [] })).pausedUntil!;
    expect(secondPause - q.clock.now()).toBe(20_000);
    expect(work).toMatchObject({ status: 'progress', errors: [] });

    q.clock.advance(22_000);
    await q.deliverDue();
    expect(vendor.calls('/lookup/9.9.9.11')).toBe(3);
    expect(work).toMatchObject({ status: 'complete', errors: [] });
    expect(q.visibility).toEqual([]);
  });
});

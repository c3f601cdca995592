import { enrichmentMessage } from '../../local/stand-in/enrichment-messages';
import { ipv6Addr, tlpMarking } from '../../shared/stix';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { CONNECTOR_ID, fakeIntel, newPlatform } from './fake-service';
import { ipEntity, modernMessage } from './messages';
import { quotaHarness, warmUpSchema } from './quota-harness';

const data = { status: 200, body: { cves: [], domains: ['dns.example.net'], score: 10 } };
const MINUTE = 60_000;

describe('addresses no vendor can know', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  beforeAll(async () => {
    warmUpSchema();
    await Promise.all([platform.start(), vendor.start()]);
  });
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));

  const ipv6 = (value: string) => ({ ...ipv6Addr(value), object_marking_refs: [tlpMarking('TLP:GREEN').id] });

  it.each([
    ['10.0.0.1', ipEntity('10.0.0.1'), 'IPv4-Addr', '10.0.0.1 is a private address: not sent to Fake Intel'],
    ['127.0.0.1', ipEntity('127.0.0.1'), 'IPv4-Addr', '127.0.0.1 is a loopback address: not sent to Fake Intel'],
    ['100.64.1.1', ipEntity('100.64.1.1'), 'IPv4-Addr', '100.64.1.1 is a shared (carrier-grade NAT) address: not sent to Fake Intel'],
    ['192.168.0.0/16', ipEntity('192.168.0.0/16'), 'IPv4-Addr', '192.168.0.0/16 is a private network: not sent to Fake Intel'],
    ['198.51.100.7', ipEntity('198.51.100.7'), 'IPv4-Addr', '198.51.100.7 is a documentation address: not sent to Fake Intel'],
    ['fe80::1', ipv6('fe80::1'), 'IPv6-Addr', 'fe80::1 is a link-local address: not sent to Fake Intel'],
    ['fd00::1', ipv6('fd00::1'), 'IPv6-Addr', 'fd00::1 is a unique local address: not sent to Fake Intel'],
    ['::ffff:192.168.1.1', ipv6('::ffff:192.168.1.1'), 'IPv6-Addr', '::ffff:192.168.1.1 is a private address: not sent to Fake Intel'],
  ])('never sends %s: the work is processed, not in error, and says why', async (value, entity, entityType, reason) => {
    const q = quotaHarness(platform, vendor, {}, { service: { ...fakeIntel, scope: ['IPv4-Addr', 'IPv6-Addr'] } });
    const work = platform.createWork(CONNECTOR_ID);
    const response = await q.deliver([{ id: 'private', body: enrichmentMessage({ entity, entityType, workId: work.id }) }]);
    expect(response.batchItemFailures).toEqual([]);
    expect(vendor.requests.filter((r) => r.path.includes(encodeURIComponent(value)))).toEqual([]);
    expect(work).toMatchObject({ status: 'complete', errors: [] });
    expect(work.messages.at(-1)).toBe(reason);
    expect(q.outcomes.at(-1)).toMatchObject({ status: 'skipped' });
  });

  it('sends them when FAKE_INTEL_SKIP_PRIVATE_ADDRESSES is false', async () => {
    vendor.script('/lookup/10.0.0.2', data);
    const q = quotaHarness(platform, vendor, { skipPrivateAddresses: false });
    const work = platform.createWork(CONNECTOR_ID);
    await q.deliver([{ id: 'allowed', body: modernMessage(ipEntity('10.0.0.2'), work.id) }]);
    expect(vendor.calls('/lookup/10.0.0.2')).toBe(1);
    expect(work.messages.at(-1)).toMatch(/^entity updated/);
  });
});

describe('a daily quota that is used up', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  beforeAll(async () => {
    warmUpSchema();
    await Promise.all([platform.start(), vendor.start()]);
    vendor.script('/lookup/4.4.4.4', data);
    vendor.script('/lookup/4.4.4.5', data);
  });
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));

  it('makes records wait until it resets, in hops of at most 15 minutes that touch nothing on the way', async () => {
    const q = quotaHarness(platform, vendor, { rateLimit: '1/d', manualReserve: 0 });
    await q.deliver([{ id: 'first', body: modernMessage(ipEntity('4.4.4.4'), platform.createWork(CONNECTOR_ID).id) }]);
    const work = platform.createWork(CONNECTOR_ID);
    await q.deliver([{ id: 'second', body: modernMessage(ipEntity('4.4.4.5'), work.id) }]);
    expect(work.messages.at(-1)).toMatch(/^waiting for the Fake Intel quota \(1\/d\): next try in 24 h/);
    expect(q.sent.at(-1)!.delaySeconds).toBe(900);

    const requestsBefore = platform.requests.length;
    for (let hop = 0; hop < 3; hop++) {
      q.clock.advance(15 * MINUTE);
      await q.deliverDue();
    }
    expect(q.sent).toHaveLength(4);
    expect(platform.requests.length).toBe(requestsBefore);
    expect(q.outcomes.slice(-3).map((o) => o.status)).toEqual(['waiting', 'waiting', 'waiting']);

    q.clock.advance(24 * 60 * MINUTE);
    for (let hop = 0; hop < 100 && work.status !== 'complete'; hop++) {
      await q.deliverDue();
      q.clock.advance(15 * MINUTE);
    }
    expect(work).toMatchObject({ status: 'complete', errors: [] });
    expect(vendor.calls('/lookup/4.4.4.5')).toBe(1);
  });

  it('ends the work in error at once with FAKE_INTEL_ON_QUOTA_EXHAUSTED=fail, naming the setting', async () => {
    const q = quotaHarness(platform, vendor, { rateLimit: '1/d', manualReserve: 0, onQuotaExhausted: 'fail' });
    await q.deliver([{ id: 'first', body: modernMessage(ipEntity('4.4.4.4'), platform.createWork(CONNECTOR_ID).id) }]);
    const work = platform.createWork(CONNECTOR_ID);
    const response = await q.deliver([{ id: 'second', body: modernMessage(ipEntity('4.4.4.5'), work.id) }]);
    expect(response.batchItemFailures).toEqual([]);
    expect(q.sent).toEqual([]);
    expect(work.errors).toEqual([
      expect.stringMatching(
        /^the Fake Intel quota \(1\/d\) is used up until 2026-03-05T05:\d\d:\d\dZ: not waiting \(FAKE_INTEL_ON_QUOTA_EXHAUSTED=fail\)$/,
      ),
    ]);
  });

  it('still waits with FAKE_INTEL_ON_QUOTA_EXHAUSTED=fail when the wait is short (a per-minute window)', async () => {
    const q = quotaHarness(platform, vendor, { rateLimit: '1/m', manualReserve: 0, onQuotaExhausted: 'fail' });
    await q.deliver([{ id: 'first', body: modernMessage(ipEntity('4.4.4.4'), platform.createWork(CONNECTOR_ID).id) }]);
    const work = platform.createWork(CONNECTOR_ID);
    await q.deliver([{ id: 'second', body: modernMessage(ipEntity('4.4.4.5'), work.id) }]);
    expect(work).toMatchObject({ status: 'progress', errors: [] });
    expect(q.sent).toHaveLength(1);
  });
});

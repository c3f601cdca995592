import { createLogger } from '../../shared/logging';
import { FAILED_ATTEMPTS_ATTRIBUTE, QUOTA_WAIT_ATTRIBUTE } from '../../shared/pipeline/attempts';
import { WAIT_LOG_MESSAGE } from '../../shared/pipeline/quota-wait';
import { enrichmentMessage } from '../../local/stand-in/enrichment-messages';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { CONNECTOR_ID, newPlatform } from './fake-service';
import { ipEntity, modernMessage } from './messages';
import { quotaHarness, warmUpSchema } from './quota-harness';

const data = { status: 200, body: { cves: [], domains: ['dns.example.net'], score: 10 } };

describe('the pipeline under a rate limit shared by every worker', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  beforeAll(async () => {
    warmUpSchema();
    await Promise.all([platform.start(), vendor.start()]);
    for (let i = 1; i <= 9; i++) vendor.script(`/lookup/8.8.8.${i}`, data);
    vendor.script('/lookup/8.8.4.4', { status: 503 });
  });
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));

  const calls = (prefix: string) => vendor.requests.filter((r) => r.path.startsWith(prefix)).length;

  it('makes a record beyond the window wait without calling the vendor, and says why and for how long', async () => {
    const q = quotaHarness(platform, vendor, { rateLimit: '2/m', manualReserve: 0 });
    const works = [1, 2, 3].map(() => platform.createWork(CONNECTOR_ID));
    await q.deliver(works.slice(0, 2).map((w, i) => ({ id: `w${i}`, body: modernMessage(ipEntity(`8.8.8.${i + 1}`), w.id) })));
    q.clock.advance(20_000);
    const response = await q.deliver([{ id: 'w3', body: modernMessage(ipEntity('8.8.8.3'), works[2]!.id) }]);

    expect(calls('/lookup/8.8.8.')).toBe(2);
    // Finished as a delivery (no batch failure, no visibility change): a copy comes back when the window has room.
    expect(response.batchItemFailures).toEqual([]);
    expect(q.visibility).toEqual([]);
    expect(q.sent).toHaveLength(1);
    // 40 s until the first call leaves the window (the store counts in buckets of 1% of it), plus at most 1 s of spread.
    expect(q.sent[0]!.delaySeconds).toBeGreaterThanOrEqual(40);
    expect(q.sent[0]!.delaySeconds).toBeLessThanOrEqual(42);
    expect(works[2]).toMatchObject({ status: 'progress', errors: [] });
    expect(works[2]!.messages.at(-1)).toMatch(/^waiting for the Fake Intel quota \(2\/m\): next try in 4[01] s$/);
    expect(q.outcomes.at(-1)).toMatchObject({ status: 'waiting' });
  });

  it('lets the waiting record through once the window has room, without telling the work "ready" again', async () => {
    const q = quotaHarness(platform, vendor, { rateLimit: '1/m', manualReserve: 0 });
    const [first, second] = [platform.createWork(CONNECTOR_ID), platform.createWork(CONNECTOR_ID)];
    await q.deliver([{ id: 'a', body: modernMessage(ipEntity('8.8.8.4'), first!.id) }]);
    await q.deliver([{ id: 'b', body: modernMessage(ipEntity('8.8.8.5'), second!.id) }]);
    expect(calls('/lookup/8.8.8.5')).toBe(0);

    q.clock.advance(30_000);
    await q.deliverDue();
    expect(calls('/lookup/8.8.8.5')).toBe(0);
    q.clock.advance(33_000);
    await q.deliverDue();

    expect(calls('/lookup/8.8.8.5')).toBe(1);
    expect(second).toMatchObject({ status: 'complete', errors: [] });
    expect(second!.messages).toEqual([
      'Connector ready to process the operation',
      'waiting for the Fake Intel quota (1/m): next try in 1 min',
      'entity updated, 2 objects: 1 domain name, 1 relationship',
    ]);
    expect(q.outcomes.at(-1)).toMatchObject({ status: 'enriched', waitingSince: q.clock.now() - 63_000 });
  });

  it('keeps part of each window for manual enrichments: auto waits at 4 of 5 while a user still gets an answer', async () => {
    const q = quotaHarness(platform, vendor, { rateLimit: '5/m' });
    const auto = [1, 2, 3, 4, 5].map((i) => ({ work: platform.createWork(CONNECTOR_ID), ip: `8.8.8.${i}` }));
    for (const [i, { work, ip }] of auto.entries()) await q.deliver([{ id: `auto${i}`, body: modernMessage(ipEntity(ip), work.id) }]);
    expect(auto.map(({ work }) => work.status)).toEqual(['complete', 'complete', 'complete', 'complete', 'progress']);
    expect(auto[4]!.work.messages.at(-1)).toMatch(/^waiting for the Fake Intel quota \(5\/m\)/);

    const manual = platform.createWork(CONNECTOR_ID);
    await q.deliver([{ id: 'manual', body: modernMessage(ipEntity('8.8.8.6'), manual.id, 'manual') }]);
    expect(manual).toMatchObject({ status: 'complete', errors: [] });

    const another = platform.createWork(CONNECTOR_ID);
    await q.deliver([{ id: 'manual2', body: modernMessage(ipEntity('8.8.8.7'), another.id, 'manual') }]);
    expect(another.messages.at(-1)).toMatch(/^waiting for the Fake Intel quota \(5\/m\)/);
  });

  it('tells a manual enrichment from an older platform by the name of its work', async () => {
    // 2/m with a 50% reserve: auto may make 1 call a minute, a user 2.
    const q = quotaHarness(platform, vendor, { rateLimit: '2/m', manualReserve: 0.5 });
    const older = (ip: string, name: string) => {
      const work = platform.createWork(CONNECTOR_ID, new Date(), name);
      const entity = ipEntity(ip);
      platform.entities.set(entity.id, entity);
      return { work, body: enrichmentMessage({ entity, entityType: 'IPv4-Addr', workId: work.id, shape: 'v6' }) };
    };
    const first = older('8.8.8.8', `Enrichment (${ipEntity('8.8.8.8').id})`);
    const second = older('8.8.8.9', `Enrichment (${ipEntity('8.8.8.9').id})`);
    const manual = older('8.8.8.1', 'Manual enrichment');
    const readsBefore = platform.calls('work').length;
    for (const { work, body } of [first, second, manual]) await q.deliver([{ id: work.id, body }]);

    expect([first, second, manual].map(({ work }) => work.status)).toEqual(['complete', 'progress', 'complete']);
    expect(second.work.messages.at(-1)).toMatch(/^waiting for the Fake Intel quota \(2\/m\)/);
    expect(platform.calls('work').length - readsBefore).toBe(3);
  });

  it('does not count a wait as an attempt: the failures before it travel with the copy', async () => {
    const q = quotaHarness(platform, vendor, { rateLimit: '1/m', manualReserve: 0 });
    const work = platform.createWork(CONNECTOR_ID);
    const body = modernMessage(ipEntity('8.8.4.4'), work.id);
    await q.deliver([{ id: 'other', body: modernMessage(ipEntity('8.8.8.1'), platform.createWork(CONNECTOR_ID).id) }]);

    // Second delivery (one failure before): the window is full, so it waits.
    await q.deliver([{ id: 'm', body, receiveCount: 2 }]);
    expect(q.sent[0]!.attributes).toMatchObject({ [FAILED_ATTEMPTS_ATTRIBUTE]: '1' });
    expect(JSON.parse(q.sent[0]!.attributes[QUOTA_WAIT_ATTRIBUTE]!)).toMatchObject({ reason: 'window', priority: 'auto' });

    // The copy's first delivery is attempt 2 of 3: the 503 is retried.
    q.clock.advance(61_000);
    const copy = q.sent[0]!;
    const second = await q.deliver([{ id: 'copy', body: copy.body, attributes: copy.attributes }]);
    expect(second.batchItemFailures).toEqual([{ itemIdentifier: 'copy' }]);
    expect(work.errors).toEqual([]);

    // Its second delivery is attempt 3 of 3: the work ends in error, once, and the record goes back for the DLQ.
    q.clock.advance(61_000);
    const third = await q.deliver([{ id: 'copy', body: copy.body, attributes: copy.attributes, receiveCount: 2 }]);
    expect(third.batchItemFailures).toEqual([{ itemIdentifier: 'copy' }]);
    expect(work.errors).toEqual([expect.stringMatching(/HTTP 503\) \(gave up after 3 attempts\)$/)]);

    // SQS redrives a copy only after its own receives run out: the extra deliveries pass it on, unread and unreported.
    const requestsBefore = platform.requests.length;
    const vendorBefore = vendor.requests.length;
    const fourth = await q.deliver([{ id: 'copy', body: copy.body, attributes: copy.attributes, receiveCount: 3 }]);
    expect(fourth.batchItemFailures).toEqual([{ itemIdentifier: 'copy' }]);
    expect(q.visibility.at(-1)).toEqual({ receiptHandle: 'rh-copy', seconds: 0 });
    expect(q.outcomes.at(-1)).toMatchObject({ status: 'dead-letter' });
    expect([platform.requests.length, vendor.requests.length]).toEqual([requestsBefore, vendorBefore]);
    expect(work.errors).toHaveLength(1);
  });

  it("logs how long a record has waited as the stack's quota-wait alarm reads it, a warning past 15 minutes", async () => {
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => lines.push(String(chunk)) > 0;
    const spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation(capture),
      jest.spyOn(process.stderr, 'write').mockImplementation(capture),
    ];
    try {
      // As the runtime builds it: the service's name and the connector's id on every line, here at level warn.
      const logger = createLogger({ serviceName: 'fake-intel', level: 'WARN', persistentKeys: { connector_id: CONNECTOR_ID } });
      const q = quotaHarness(platform, vendor, { rateLimit: '1/d', manualReserve: 0 }, { logger });
      await q.deliver([{ id: 'first', body: modernMessage(ipEntity('8.8.8.7'), platform.createWork(CONNECTOR_ID).id) }]);
      await q.deliver([{ id: 'waiting', body: modernMessage(ipEntity('8.8.8.8'), platform.createWork(CONNECTOR_ID).id) }]);
      for (let hop = 0; hop < 5; hop++) {
        q.clock.advance(901_000);
        await q.deliverDue();
      }
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    const waits = lines
      .flatMap((line) => line.split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.message === WAIT_LOG_MESSAGE);
    // Below 15 minutes the lines are info (not written at warn); then one warning per hop, the last past an hour.
    expect(waits.map((w) => w.waitingForSeconds)).toEqual([901, 1802, 2703, 3604, 4505]);
    for (const wait of waits) expect(wait).toMatchObject({ level: 'WARN', service: 'fake-intel', connector_id: CONNECTOR_ID });
  });
});

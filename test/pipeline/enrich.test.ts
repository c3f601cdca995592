import { createSqsHandler } from '../../shared/pipeline';
import { httpFailureOf, NonRetryableError, type ServiceDefinition } from '../../shared/service-kit';
import { ipv4Addr, OPENCTI_SCO_EXTENSION_ID, tlpMarking } from '../../shared/stix';
import { expectValidStix } from '../helpers/stix-schema';
import { hasSharedReference } from '../helpers/shared-reference';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { CONNECTOR_ID, fakeIntel, harness, lambdaContext, newPlatform, sqsEvent, API_KEY } from './fake-service';
import { ipEntity, modernMessage, playbookMessage, v5Message, v6Message } from './messages';

const validateStix = (bundle: unknown) => (hasSharedReference() ? expectValidStix(bundle) : undefined);

describe('createSqsHandler', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();

  beforeAll(async () => {
    await Promise.all([platform.start(), vendor.start()]);
    vendor.script('/lookup/8.8.8.8', {
      status: 200,
      body: { cves: ['CVE-2021-44228', 'CVE-2023-4863'], domains: ['Dns.Google'], score: 70 },
    });
    vendor.script(
      '/lookup/9.9.9.9',
      { status: 429, headers: { 'Retry-After': '120' } },
      { status: 200, body: { cves: [], domains: ['dns9.quad9.net'], score: 10 } },
    );
    vendor.script('/lookup/5.5.5.5', { status: 401, body: { error: 'bad key' } });
    vendor.script('/lookup/6.6.6.6', { status: 503 });
    vendor.script('/lookup/7.7.7.7', { status: 429, headers: { 'Retry-After': '60', 'X-Quota': 'month' } });
    vendor.script('/lookup/7.7.7.8', { status: 429, headers: { 'Retry-After': '60' } });
  });
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));
  afterEach(() => {
    expect(platform.requests.flatMap((r) => r.validationErrors)).toEqual([]);
  });

  async function run(records: Array<{ id: string; body: string; receiveCount?: number }>, overrides = {}) {
    const h = harness(platform, vendor, overrides);
    const response = await createSqsHandler(h.deps.service, async () => h.deps)(sqsEvent(records), lambdaContext);
    return { ...h, response };
  }

  it('publishes the entity and new objects when the lookup finds data, and closes the work with a summary', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const entity = ipEntity('8.8.8.8', 'TLP:GREEN');
    const { response } = await run([{ id: 'm1', body: modernMessage(entity, work.id) }]);
    expect(response.batchItemFailures).toEqual([]);
    expect(work).toMatchObject({
      status: 'complete',
      messages: [
        'Connector ready to process the operation',
        'entity updated, 6 objects: 3 relationships, 2 vulnerabilities, 1 domain name',
      ],
    });
    const pushed = platform.pushed.find((p) => p.workId === work.id)!;
    expect(pushed.connectorId).toBe(CONNECTOR_ID);
    const [first, author, ...added] = pushed.bundle.objects;
    expect(first).toMatchObject({ id: entity.id, x_opencti_score: 70, x_opencti_labels: ['fake-intel'] });
    expect(author).toMatchObject({ type: 'identity', name: 'Fake Intel' });
    expect(added.every((o) => JSON.stringify(o.object_marking_refs) === JSON.stringify([tlpMarking('TLP:GREEN').id]))).toBe(true);
    expect(added.find((o) => o.type === 'domain-name')).toMatchObject({ value: 'dns.google' });
    expect(vendor.requests.at(-1)).toMatchObject({ path: '/lookup/8.8.8.8', headers: { 'x-key': API_KEY } });
    validateStix(pushed.bundle);
  });

  it('keeps the higher score the entity has, and pushes a note with the service score instead', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const base = ipEntity('8.8.8.8', 'TLP:GREEN');
    const entity = { ...base, extensions: { ...(base.extensions as object), [OPENCTI_SCO_EXTENSION_ID]: { score: 90 } } };
    await run([{ id: 'kept', body: modernMessage(entity, work.id) }]);
    expect(work.messages.at(-1)).toMatch(/^entity updated, 7 objects: .*1 note/);
    const bundle = platform.pushed.find((p) => p.workId === work.id)!.bundle;
    expect(bundle.objects[0]?.extensions).toMatchObject({ [OPENCTI_SCO_EXTENSION_ID]: { score: 90, labels: ['fake-intel'] } });
    expect(bundle.objects.find((o) => o.type === 'note')).toMatchObject({
      abstract: 'Fake Intel score: 70',
      object_refs: [entity.id],
      object_marking_refs: [tlpMarking('TLP:GREEN').id],
    });
    validateStix(bundle);

    const replacing = platform.createWork(CONNECTOR_ID);
    await run([{ id: 'replaced', body: modernMessage(entity, replacing.id) }], { replaceWithLowerScore: true });
    const replaced = platform.pushed.find((p) => p.workId === replacing.id)!.bundle;
    expect(replaced.objects[0]?.extensions).toMatchObject({ [OPENCTI_SCO_EXTENSION_ID]: { score: 70 } });
    expect(replaced.objects.some((o) => o.type === 'note')).toBe(false);
  });

  it('closes the work with "no data" when the service has nothing, and pushes nothing', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const before = platform.pushed.length;
    const { response } = await run([{ id: 'm2', body: modernMessage(ipEntity('1.1.1.1'), work.id, 'manual') }]);
    expect(response.batchItemFailures).toEqual([]);
    expect(work.messages.at(-1)).toBe('no data: fake-intel has nothing on this IPv4-Addr');
    expect(work.errors).toEqual([]);
    expect(platform.pushed.length).toBe(before);
  });

  it('skips an entity type out of scope without calling the service', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const url = {
      type: 'url',
      spec_version: '2.1' as const,
      id: 'url--3bd48f67-7da9-5d3a-9512-26490dda399b',
      value: 'https://example.com/a?b=c',
    };
    const body = JSON.stringify({
      internal: { work_id: work.id, applicant_id: null },
      event: { entity_id: url.id, entity_type: 'Url', stix_entity: JSON.stringify(url) },
    });
    const { response, lookups } = await run([{ id: 'm3', body }]);
    expect(response.batchItemFailures).toEqual([]);
    expect(lookups).not.toHaveBeenCalled();
    expect(work).toMatchObject({ status: 'complete', errors: [] });
    expect(work.messages.at(-1)).toMatch(/Url is out of scope for fake-intel/);
  });

  it('answers a playbook with its bundle unchanged when the entity is out of scope', async () => {
    const url = {
      type: 'url',
      spec_version: '2.1' as const,
      id: 'url--3bd48f67-7da9-5d3a-9512-26490dda399b',
      value: 'https://example.com/a?b=c',
    };
    const { body, bundle } = playbookMessage(url);
    const before = platform.playbookAnswers.length;
    const { response, lookups } = await run([{ id: 'm4', body }]);
    expect(response.batchItemFailures).toEqual([]);
    expect(lookups).not.toHaveBeenCalled();
    const answer = platform.playbookAnswers[before]!;
    expect(JSON.parse(answer.bundle as string)).toEqual(bundle);
    expect(answer).toMatchObject({
      execution_id: 'exec-1',
      step_id: 'step-2',
      previous_step_id: 'step-1',
      execution_start: '2026-03-04T05:06:07+00:00',
    });
  });

  it('never calls the service for an entity above the max TLP', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const { response, lookups } = await run([{ id: 'm5', body: modernMessage(ipEntity('8.8.8.8', 'TLP:RED'), work.id) }]);
    expect(response.batchItemFailures).toEqual([]);
    expect(lookups).not.toHaveBeenCalled();
    expect(work.messages.at(-1)).toBe('TLP:RED is above the maximum TLP:AMBER (FAKE_INTEL_MAX_TLP): not sent to the service');
  });

  it("retries a 429 through SQS after the vendor's Retry-After", async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const body = modernMessage(ipEntity('9.9.9.9'), work.id);
    const first = await run([{ id: 'm6', body }]);
    expect(first.response.batchItemFailures).toEqual([{ itemIdentifier: 'm6' }]);
    expect(first.visibility).toEqual([{ receiptHandle: 'rh-m6', seconds: 120 }]);
    expect(work.status).toBe('progress');
    const second = await run([{ id: 'm6', body, receiveCount: 2 }]);
    expect(second.response.batchItemFailures).toEqual([]);
    expect(work.messages.at(-1)).toBe('entity updated, 2 objects: 1 domain name, 1 relationship');
  });

  it('backs off exponentially when the vendor gives no Retry-After, and marks the work in error on the last attempt', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const body = modernMessage(ipEntity('6.6.6.6'), work.id);
    const attempt1 = await run([{ id: 'm7', body, receiveCount: 1 }]);
    const attempt2 = await run([{ id: 'm7', body, receiveCount: 2 }]);
    expect([attempt1.visibility[0]!.seconds, attempt2.visibility[0]!.seconds]).toEqual([23, 45]);
    expect(work.errors).toEqual([]);
    const last = await run([{ id: 'm7', body, receiveCount: 3 }]);
    expect(last.response.batchItemFailures).toEqual([{ itemIdentifier: 'm7' }]);
    expect(last.visibility).toEqual([{ receiptHandle: 'rh-m7', seconds: 0 }]);
    expect(work.errors).toEqual([expect.stringMatching(/fake-intel GET .*service error \(HTTP 503\) \(gave up after 3 attempts\)/)]);
  });

  it("asks the service's classifyError hook first, and classifies generically what it leaves", async () => {
    const monthlyQuota: ServiceDefinition['classifyError'] = (error, ctx) =>
      httpFailureOf(error)?.header('x-quota') === 'month'
        ? new NonRetryableError(`monthly quota used up; see ${ctx.keyVariable}`)
        : undefined;
    const service = { ...fakeIntel, classifyError: monthlyQuota };
    const works = [platform.createWork(CONNECTOR_ID), platform.createWork(CONNECTOR_ID)];
    const { response, visibility } = await run(
      [
        { id: 'quota', body: modernMessage(ipEntity('7.7.7.7'), works[0]!.id) },
        { id: 'throttled', body: modernMessage(ipEntity('7.7.7.8'), works[1]!.id) },
      ],
      { service },
    );
    expect(works[0]!.errors).toEqual(['monthly quota used up; see FAKE_INTEL_API_KEY']);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'throttled' }]);
    expect(visibility).toEqual([{ receiptHandle: 'rh-throttled', seconds: 60 }]);
  });

  it('does not retry a refused API key, and names the setting to fix', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const { response } = await run([{ id: 'm8', body: modernMessage(ipEntity('5.5.5.5'), work.id) }]);
    expect(response.batchItemFailures).toEqual([]);
    expect(work.errors).toEqual([expect.stringMatching(/refused the API key \(HTTP 401\); check FAKE_INTEL_API_KEY/)]);
    expect(work.errors[0]).not.toContain(API_KEY);
  });

  it('fails only the malformed record of a batch', async () => {
    const works = [platform.createWork(CONNECTOR_ID), platform.createWork(CONNECTOR_ID)];
    const { response } = await run([
      { id: 'good-1', body: modernMessage(ipEntity('8.8.8.8'), works[0]!.id) },
      { id: 'bad-json', body: '{"internal": ' },
      { id: 'bad-shape', body: JSON.stringify({ internal: {}, event: { entity_type: 'IPv4-Addr' } }) },
      { id: 'good-2', body: modernMessage(ipEntity('1.1.1.1'), works[1]!.id) },
    ]);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'bad-json' }, { itemIdentifier: 'bad-shape' }]);
    expect(works.map((w) => w.status)).toEqual(['complete', 'complete']);
  });

  it.each([
    ['5.x (entity id only)', (id: string, work: string) => v5Message(id, work)],
    ['6.0-6.8.8 (entity type, no STIX entity)', (id: string, work: string) => v6Message(id, work)],
  ])('reads the entity from the platform for a %s message', async (_shape, message) => {
    const entity = ipEntity('8.8.8.8');
    platform.entities.set(entity.id, entity);
    const work = platform.createWork(CONNECTOR_ID);
    const { response } = await run([{ id: 'old', body: message(entity.id, work.id) }]);
    expect(response.batchItemFailures).toEqual([]);
    expect(platform.calls('stix').at(-1)?.variables).toEqual({ id: entity.id });
    expect(platform.pushed.find((p) => p.workId === work.id)?.bundle.objects[0]?.id).toBe(entity.id);
  });

  it('closes the work in error when the platform cannot find the entity', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const { response } = await run([{ id: 'ghost', body: v6Message(ipv4Addr('203.0.113.9').id, work.id) }]);
    expect(response.batchItemFailures).toEqual([]);
    expect(work.errors).toEqual([expect.stringMatching(/Unable to read\/access the entity/)]);
  });

  it('answers a playbook message with the enriched bundle and touches no work', async () => {
    const entity = ipEntity('8.8.8.8');
    const { body } = playbookMessage(entity);
    const before = platform.playbookAnswers.length;
    const pushedBefore = platform.pushed.length;
    const { response } = await run([{ id: 'pb', body }]);
    expect(response.batchItemFailures).toEqual([]);
    const answered = JSON.parse(platform.playbookAnswers[before]!.bundle as string);
    expect(answered.objects[0]).toMatchObject({ id: entity.id, x_opencti_score: 70 });
    expect(answered.objects).toHaveLength(8);
    expect(platform.pushed.length).toBe(pushedBefore);
    validateStix(answered);
  });

  it('propagates the organisation sharing of the entity to every new object', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const org = 'identity--7b82b010-b1c0-4dae-981f-7756374a17df';
    await run([{ id: 'org', body: modernMessage(ipEntity('8.8.8.8', 'TLP:GREEN', [org]), work.id) }]);
    const bundle = platform.pushed.find((p) => p.workId === work.id)!.bundle;
    expect(bundle.objects.slice(1).every((o) => (o.x_opencti_granted_refs as string[] | undefined)?.includes(org))).toBe(true);
  });

  it('builds the same bundle, byte for byte, from the same message and clock', async () => {
    const bundles = [];
    for (const id of ['d1', 'd2']) {
      const work = platform.createWork(CONNECTOR_ID);
      await run([{ id, body: modernMessage(ipEntity('8.8.8.8'), work.id) }]);
      bundles.push(JSON.stringify(platform.pushed.find((p) => p.workId === work.id)!.bundle));
    }
    expect(bundles[0]).toBe(bundles[1]);
  });
});

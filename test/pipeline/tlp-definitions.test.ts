import { tlpMarking } from '../../shared/stix';
import { CONNECTOR_ID } from './fake-service';
import { modernMessage, playbookMessage, v5Message, v6Message } from './messages';
import {
  CUSTOM_TLP,
  HASHED_GREEN,
  HASHED_RED,
  markedEntity,
  onPlatform,
  PAP_RED,
  platformMarking,
  runWithMaxTlp,
  STATEMENT,
  useTlpStandIns,
} from './tlp-harness';

const GREEN = tlpMarking('TLP:GREEN').id;
const AMBER = tlpMarking('TLP:AMBER').id;
const CUSTOM_REASON =
  'the TLP marking "TLP:EX:CHR" is not a known level (CLEAR, GREEN, AMBER, AMBER+STRICT, RED), so no FAKE_INTEL_MAX_TLP allows it: not sent to the service';

describe('the TLP check, by the definitions of the entity’s markings on the platform (objectMarking)', () => {
  const { platform, vendor } = useTlpStandIns();

  const modern = (refs: string[], workId: string) => modernMessage(markedEntity(refs), workId);
  const v6 = (refs: string[], workId: string) => v6Message(markedEntity(refs).id, workId);
  const v5 = (refs: string[], workId: string) => v5Message(markedEntity(refs).id, workId);

  it.each([
    { what: 'a custom TLP level', markings: [CUSTOM_TLP], max: 'TLP:RED', calls: 0, answer: CUSTOM_REASON },
    { what: 'TLP:RED under a hashed id', markings: [HASHED_RED], max: 'TLP:AMBER', calls: 0, answer: /^TLP:RED is above the maximum/ },
    { what: 'TLP:GREEN under a hashed id', markings: [HASHED_GREEN], max: 'TLP:GREEN', calls: 1, answer: /^entity updated/ },
    { what: 'a statement', markings: [STATEMENT], max: 'TLP:CLEAR', calls: 1, answer: /^entity updated/ },
    { what: 'a PAP marking', markings: [PAP_RED], max: 'TLP:CLEAR', calls: 1, answer: /^entity updated/ },
    {
      what: 'a lower-case TLP type',
      markings: [platformMarking('tlp', 'tlp:red')],
      max: 'TLP:AMBER',
      calls: 0,
      answer: /^TLP:RED is above/,
    },
  ] as const)('$what, maximum $max: $calls vendor call(s)', async ({ markings, max, calls, answer }) => {
    for (const [shape, message] of [
      ['6.8.9+', modern],
      ['6.0-6.8.8', v6],
      ['5.x', v5],
    ] as const) {
      const entity = markedEntity(markings.map((m) => m.standard_id));
      onPlatform(platform, entity, [...markings]);
      const work = platform.createWork(CONNECTOR_ID);
      const before = platform.calls('stixCoreObject').length;
      const { vendorCalls } = await runWithMaxTlp(platform, vendor, message(entity.object_marking_refs as string[], work.id), max);
      expect({ shape, vendorCalls, status: work.status, errors: work.errors }).toEqual({
        shape,
        vendorCalls: calls,
        status: 'complete',
        errors: [],
      });
      expect(work.messages.at(-1)).toMatch(answer);
      expect(platform.calls('stixCoreObject').slice(before)).toEqual([expect.objectContaining({ variables: { id: entity.id } })]);
    }
  });

  it.each([
    { what: 'TLP:GREEN, a statement and a custom TLP level', refs: [GREEN, STATEMENT, CUSTOM_TLP], calls: 0, answer: CUSTOM_REASON },
    { what: 'TLP:AMBER, a PAP marking and a statement', refs: [AMBER, PAP_RED, STATEMENT], calls: 1, answer: /^entity updated/ },
    {
      what: 'TLP:GREEN and TLP:RED under a hashed id',
      refs: [GREEN, HASHED_RED],
      calls: 0,
      answer: /^TLP:RED is above the maximum TLP:AMBER/,
    },
  ])('mixed markings ($what): $calls vendor call(s) under TLP:AMBER', async ({ refs, calls, answer }) => {
    const ids = refs.map((r) => (typeof r === 'string' ? r : r.standard_id));
    const entity = markedEntity(ids);
    onPlatform(
      platform,
      entity,
      refs.flatMap((r) => (typeof r === 'string' ? [] : [r])),
    );
    const work = platform.createWork(CONNECTOR_ID);
    const { vendorCalls } = await runWithMaxTlp(platform, vendor, modern(ids, work.id), 'TLP:AMBER');
    expect(vendorCalls).toBe(calls);
    expect(work.messages.at(-1)).toMatch(answer);
  });

  it('asks the platform nothing when every marking is one of the five built-in TLP ones', async () => {
    const before = platform.calls('stixCoreObject').length;
    const work = platform.createWork(CONNECTOR_ID);
    await runWithMaxTlp(platform, vendor, modern([GREEN], work.id), 'TLP:AMBER');
    expect(platform.calls('stixCoreObject').length).toBe(before);
  });

  it('fails closed for a marking the platform does not list on the entity', async () => {
    const entity = markedEntity([HASHED_GREEN.standard_id]);
    onPlatform(platform, { ...entity, object_marking_refs: [] });
    const work = platform.createWork(CONNECTOR_ID);
    const { vendorCalls } = await runWithMaxTlp(platform, vendor, modernMessage(entity, work.id), 'TLP:RED');
    expect(vendorCalls).toBe(0);
    expect(work.messages.at(-1)).toBe(
      `no definition could be found for the marking ${HASHED_GREEN.standard_id}, so its TLP is unknown: not sent to the service`,
    );
  });

  it('fails closed when the platform cannot read the entity to resolve its markings', async () => {
    platform.entities.clear();
    const work = platform.createWork(CONNECTOR_ID);
    const { vendorCalls } = await runWithMaxTlp(platform, vendor, modern([STATEMENT.standard_id], work.id), 'TLP:RED');
    expect(vendorCalls).toBe(0);
    expect(work.messages.at(-1)).toMatch(/^no definition could be found for the marking marking-definition--/);
  });
});

describe('object_marking_refs that is not a list of marking ids', () => {
  const { platform, vendor } = useTlpStandIns();

  it.each([
    ['a string', tlpMarking('TLP:RED').id],
    ['a list with a number', [tlpMarking('TLP:RED').id, 7]],
    ['null', null],
  ])('(%s) in stix_entity makes the message malformed: work in error, on to the DLQ, no vendor call', async (_what, refs) => {
    const work = platform.createWork(CONNECTOR_ID);
    const body = modernMessage({ ...markedEntity([]), object_marking_refs: refs as never }, work.id);
    const { vendorCalls, outcome, failed } = await runWithMaxTlp(platform, vendor, body, 'TLP:RED');
    expect(vendorCalls).toBe(0);
    expect(outcome).toMatchObject({ status: 'malformed', retryInSeconds: 0 });
    expect(failed).toBe(true);
    expect(work).toMatchObject({ status: 'complete', messages: [] });
    expect(work.errors).toEqual([expect.stringMatching(/event\.stix_entity object_marking_refs must be a list of marking ids/)]);
  });

  it('(a string) on the entity in a playbook bundle makes the message malformed too', async () => {
    const { body } = playbookMessage({ ...markedEntity([]), object_marking_refs: tlpMarking('TLP:RED').id as never });
    const { vendorCalls, outcome } = await runWithMaxTlp(platform, vendor, body, 'TLP:RED');
    expect(vendorCalls).toBe(0);
    expect(outcome).toMatchObject({ status: 'malformed', message: expect.stringMatching(/object_marking_refs must be a list/) });
  });

  it('(a string) in the platform’s own STIX form ends the work in error without a vendor call', async () => {
    const entity = { ...markedEntity([]), object_marking_refs: tlpMarking('TLP:RED').id as never };
    platform.entities.set(entity.id, entity);
    const work = platform.createWork(CONNECTOR_ID);
    const { vendorCalls } = await runWithMaxTlp(platform, vendor, v6Message(entity.id, work.id), 'TLP:RED');
    expect(vendorCalls).toBe(0);
    expect(work.errors).toEqual([expect.stringMatching(/object_marking_refs that is not a list of marking ids/)]);
  });
});

import { meaningOfPair, meaningOfStixMarking, TLP_LEVELS, tlpMarking, tlpRank, type StixObject } from '../../shared/stix';
import { CONNECTOR_ID } from './fake-service';
import { modernMessage, playbookMessage } from './messages';
import { CUSTOM_TLP, HASHED_RED, markedEntity, runWithMaxTlp, useTlpStandIns } from './tlp-harness';

const CUSTOM = { kind: 'unknown-tlp', definition: 'TLP:EX:CHR' };

describe('meaningOfPair (GraphQL objectMarking)', () => {
  it.each([
    ['TLP', 'TLP:AMBER', { kind: 'tlp', level: 'TLP:AMBER' }],
    ['tlp', 'tlp:amber+strict', { kind: 'tlp', level: 'TLP:AMBER+STRICT' }],
    ['TLP', 'TLP:WHITE', { kind: 'tlp', level: 'TLP:CLEAR' }],
    ['TLP', 'TLP:EX:CHR', { kind: 'unknown-tlp', definition: 'TLP:EX:CHR' }],
    ['TLP', 'AMBER', { kind: 'unknown-tlp', definition: 'AMBER' }],
    ['TLP', null, { kind: 'unknown-tlp', definition: 'marking-definition--m' }],
    ['statement', 'TLP:RED in words only', { kind: 'other' }],
    ['PAP', 'PAP:RED', { kind: 'other' }],
  ])('reads (%s, %s)', (type, definition, meaning) => {
    expect(meaningOfPair(type, definition, 'marking-definition--m')).toEqual(meaning);
  });
});

describe('meaningOfStixMarking (a bundle marking object)', () => {
  const m = (fields: Record<string, unknown>): StixObject => ({ type: 'marking-definition', id: 'marking-definition--m', ...fields });
  it.each([
    ['the STIX 2.1 TLP form', m({ definition_type: 'tlp', definition: { tlp: 'red' } }), { kind: 'tlp', level: 'TLP:RED' }],
    ['OpenCTI extension fields first', tlpMarking('TLP:AMBER+STRICT'), { kind: 'tlp', level: 'TLP:AMBER+STRICT' }],
    ['a custom level in the extension fields', m({ x_opencti_definition_type: 'TLP', x_opencti_definition: 'TLP:EX:CHR' }), CUSTOM],
    ['a TLP type with the definition as text', m({ definition_type: 'TLP', definition: 'TLP:EX:CHR' }), CUSTOM],
    ['a TLP type with only a name', m({ definition_type: 'TLP', name: 'TLP:EX:CHR' }), CUSTOM],
    ['a name alone', m({ name: 'TLP:EX:CHR' }), CUSTOM],
    ['a statement', m({ definition_type: 'statement', definition: { statement: 'TLP:RED' }, name: 'TLP:RED' }), { kind: 'other' }],
    ['a name without a type', m({ name: 'Internal use' }), { kind: 'other' }],
    ['no definition at all', m({}), undefined],
  ])('reads %s', (_what, marking, meaning) => {
    expect(meaningOfStixMarking(marking)).toEqual(meaning);
  });
});

describe('the TLP check, by the five built-in marking ids', () => {
  const { platform, vendor } = useTlpStandIns();

  const matrix = TLP_LEVELS.flatMap((level) => TLP_LEVELS.map((max) => [level, max, tlpRank(level) <= tlpRank(max)] as const));
  it.each(matrix)('an entity at %s under a maximum of %s: sent to the vendor = %s', async (level, max, allowed) => {
    const work = platform.createWork(CONNECTOR_ID);
    const body = modernMessage(markedEntity([tlpMarking(level).id]), work.id);
    const { vendorCalls } = await runWithMaxTlp(platform, vendor, body, max);
    expect(vendorCalls).toBe(allowed ? 1 : 0);
    expect(work.status).toBe('complete');
    if (!allowed) expect(work.messages.at(-1)).toBe(`${level} is above the maximum ${max} (FAKE_INTEL_MAX_TLP): not sent to the service`);
  });

  it('allows an entity with no TLP marking, as pycti does', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const { vendorCalls } = await runWithMaxTlp(platform, vendor, modernMessage(markedEntity([]), work.id), 'TLP:CLEAR');
    expect(vendorCalls).toBe(1);
    expect(work.messages.at(-1)).toMatch(/^entity updated/);
  });
});

describe('the TLP check, by the marking objects a playbook bundle carries', () => {
  const { platform, vendor } = useTlpStandIns();

  const marking = (id: string, fields: Record<string, unknown>): StixObject => ({
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    ...fields,
  });
  const customTlp = marking(CUSTOM_TLP.standard_id, { definition_type: 'TLP', name: 'TLP:EX:CHR', definition: 'TLP:EX:CHR' });
  const redAsStix = marking(HASHED_RED.standard_id, { definition_type: 'tlp', definition: { tlp: 'red' }, name: 'TLP:RED' });
  const statement = marking('marking-definition--0b7f0d4a-4a8a-5c37-9f55-6d3f2b1e4c11', {
    definition_type: 'statement',
    definition: { statement: 'Copyright Example Corp' },
  });
  const strict = tlpMarking('TLP:AMBER+STRICT');

  it.each([
    {
      what: 'a custom TLP level',
      markings: [customTlp],
      max: 'TLP:RED' as const,
      calls: 0,
      answer: /the TLP marking "TLP:EX:CHR" is not a known level/,
    },
    {
      what: 'TLP:RED with a non-standard id',
      markings: [redAsStix],
      max: 'TLP:AMBER' as const,
      calls: 0,
      answer: /TLP:RED is above the maximum TLP:AMBER/,
    },
    {
      what: 'TLP:RED with a non-standard id',
      markings: [redAsStix],
      max: 'TLP:RED' as const,
      calls: 1,
      answer: /entity updated/,
    },
    {
      what: 'AMBER+STRICT (a statement carrying the TLP type)',
      markings: [strict],
      max: 'TLP:AMBER' as const,
      calls: 0,
      answer: /TLP:AMBER\+STRICT is above/,
    },
    { what: 'a statement only', markings: [statement], max: 'TLP:CLEAR' as const, calls: 1, answer: /entity updated/ },
    {
      what: 'a statement and a custom TLP level',
      markings: [statement, customTlp],
      max: 'TLP:RED' as const,
      calls: 0,
      answer: /"TLP:EX:CHR"/,
    },
  ])('$what under $max: $calls vendor call(s)', async ({ markings, max, calls, answer }) => {
    const before = platform.playbookAnswers.length;
    const { body, bundle } = playbookMessage(
      markedEntity(markings.map((m) => m.id)),
      markings.map((m) => m as StixObject),
    );
    const { vendorCalls, outcome } = await runWithMaxTlp(platform, vendor, body, max);
    expect(vendorCalls).toBe(calls);
    expect(outcome.message).toMatch(answer);
    // The definitions were in the message: nothing was asked of the platform.
    expect(platform.calls('stixCoreObject')).toEqual([]);
    const answered = JSON.parse(platform.playbookAnswers[before]!.bundle as string);
    if (calls === 0) expect(answered).toEqual(bundle);
  });

  it(`a marking neither in the bundle nor known to the platform fails closed`, async () => {
    const { body } = playbookMessage(markedEntity([CUSTOM_TLP.standard_id]));
    const { vendorCalls, outcome } = await runWithMaxTlp(platform, vendor, body, 'TLP:RED');
    expect(vendorCalls).toBe(0);
    expect(outcome.message).toBe(
      `no definition could be found for the marking ${CUSTOM_TLP.standard_id}, so its TLP is unknown: not sent to the service`,
    );
    expect(platform.calls('stixCoreObject').at(-1)?.variables).toEqual({ id: markedEntity([]).id });
  });
});

import { createSqsHandler, printable, readableWorkId, type RecordOutcome } from '../../shared/pipeline';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { CONNECTOR_ID, harness, lambdaContext, newPlatform, sqsEvent } from './fake-service';
import { ipEntity, modernMessage } from './messages';

/** A 5,000-character value with line breaks, as someone could write into a message field. */
const LONG_VALUE = `IPv4-Addr\r\nforged: line\n${'x'.repeat(5_000 - 24)}`;

describe('printable', () => {
  it.each([
    ['plain text', 'IPv4-Addr', 'IPv4-Addr'],
    ['CR and LF', 'a\r\nb', 'a\\r\\nb'],
    ['a tab', 'a\tb', 'a\\tb'],
    ['an ANSI escape', '\u001b[31mred', '\\u001b[31mred'],
    ['NUL and DEL', 'a\u0000b\u007f', 'a\\u0000b\\u007f'],
    ['a C1 control', 'a\u0085b', 'a\\u0085b'],
    ['the Unicode line separator', 'a\u2028b', 'a\\u2028b'],
    ['a bidirectional override', 'a\u202eb', 'a\\u202eb'],
    ['a number', 42, '42'],
  ])('escapes %s', (_what, value, expected) => {
    expect(printable(value)).toBe(expected);
  });

  it('cuts a long value at about 200 characters and says how long it was', () => {
    const shown = printable(LONG_VALUE);
    expect(shown.startsWith('IPv4-Addr\\r\\nforged: line\\nxxx')).toBe(true);
    expect(shown).toMatch(/… \(cut, 5000 characters\)$/);
    expect(shown.length).toBeLessThanOrEqual(230);
    expect(shown).not.toMatch(/[\r\n]/);
  });

  it('never cuts a character made of two UTF-16 units in half', () => {
    expect(printable('😀'.repeat(150))).toMatch(/^(😀){100}… \(cut, 150 characters\)$/);
  });
});

describe('readableWorkId', () => {
  it.each([
    ['a message without event', '{"internal":{"work_id":"work_1"}}', 'work_1'],
    ['a playbook message (no work)', '{"internal":{"work_id":null},"event":{}}', null],
    ['a work id that is not a string', '{"internal":{"work_id":7}}', null],
    ['a body that is not JSON', '{"internal": ', null],
    ['JSON that is not an object', '"work_1"', null],
  ])('reads %s', (_what, body, expected) => {
    expect(readableWorkId(body)).toBe(expected);
  });
});

describe('a malformed message', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  beforeAll(() => Promise.all([platform.start(), vendor.start()]));
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));
  afterEach(() => {
    expect(platform.requests.flatMap((r) => r.validationErrors)).toEqual([]);
  });

  async function run(id: string, body: string, receiveCount = 1) {
    const h = harness(platform, vendor);
    const response = await createSqsHandler(h.deps.service, async () => h.deps)(sqsEvent([{ id, body, receiveCount }]), lambdaContext);
    return { ...h, response };
  }

  const modern = (workId: string) => JSON.parse(modernMessage(ipEntity('8.8.8.8'), workId));

  it.each([
    ['event missing', (w: string) => ({ internal: { work_id: w } }), /event/],
    ['entity_id a number', (w: string) => ({ ...modern(w), event: { ...modern(w).event, entity_id: 42 } }), /event\.entity_id/],
    ['stix_entity not JSON', (w: string) => ({ ...modern(w), event: { ...modern(w).event, stix_entity: '{oops' } }), /not valid JSON/],
  ])('with %s closes its work in error with the reason, and still goes on to the DLQ', async (_what, build, reason) => {
    const work = platform.createWork(CONNECTOR_ID);
    const { response, visibility, lookups } = await run('bad', JSON.stringify(build(work.id)));
    expect(work.status).toBe('complete');
    expect(work.errors).toEqual([expect.stringMatching(reason)]);
    expect(work.errors[0]).toMatch(/^not an OpenCTI enrichment message/);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
    expect(visibility).toEqual([{ receiptHandle: 'rh-bad', seconds: 0 }]);
    expect(lookups).not.toHaveBeenCalled();
  });

  it('closes its work once, not again on each redelivery before the DLQ', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const body = JSON.stringify({ internal: { work_id: work.id } });
    for (const attempt of [1, 2, 3]) await run('again', body, attempt);
    expect(work.errors).toHaveLength(1);
    expect(work.messages).toEqual([]);
  });

  it('touches no work when the body names none', async () => {
    const before = platform.calls('workEdit').length;
    const { response } = await run('not-json', '{"internal": ');
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'not-json' }]);
    expect(platform.calls('workEdit').length).toBe(before);
  });
});

describe('a value quoted into a work message', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  beforeAll(() => Promise.all([platform.start(), vendor.start()]));
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));

  it('appears cut and with its CR/LF escaped, whatever its length', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const message = JSON.parse(modernMessage(ipEntity('8.8.8.8'), work.id));
    message.event.entity_type = LONG_VALUE;
    const h = harness(platform, vendor);
    await createSqsHandler(h.deps.service, async () => h.deps)(sqsEvent([{ id: 'long', body: JSON.stringify(message) }]), lambdaContext);
    const shown = work.messages.at(-1)!;
    expect(shown).toMatch(/^IPv4-Addr\\r\\nforged: line\\nx+… \(cut, 5000 characters\) is out of scope for fake-intel/);
    expect(shown).not.toMatch(/[\r\n]/);
    expect(shown.length).toBeLessThan(300);
  });

  it('from a body that is not JSON (the parser quotes part of it) is escaped too', async () => {
    const outcomes: RecordOutcome[] = [];
    const h = harness(platform, vendor, { onOutcome: (o) => outcomes.push(o) });
    const body = `{"internal": ${'x\r\n'.repeat(2_000)}`;
    await createSqsHandler(h.deps.service, async () => h.deps)(sqsEvent([{ id: 'crlf', body }]), lambdaContext);
    expect(outcomes).toEqual([expect.objectContaining({ status: 'malformed', message: expect.stringMatching(/^body is not JSON/) })]);
    expect(outcomes[0]!.message).toContain('x\\r\\nx');
    expect(outcomes[0]!.message).not.toMatch(/[\r\n]/);
  });
});

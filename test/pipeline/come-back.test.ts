import { createSqsHandler } from '../../shared/pipeline';
import { COME_BACK_ATTRIBUTE } from '../../shared/pipeline/come-back';
import { ComeBackLaterError, type LookupContext, type ServiceDefinition } from '../../shared/service-kit';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { CONNECTOR_ID, fakeIntel, harness, lambdaContext, newPlatform, sqsEvent } from './fake-service';
import { ipEntity, modernMessage } from './messages';

/** Submits on the first delivery, and reads the analysis when it comes back with the state. */
const submitting: ServiceDefinition = {
  ...fakeIntel,
  lookup: async (ctx: LookupContext) => {
    const state = ctx.resume as { analysis: string; round: number } | undefined;
    if (!state) throw new ComeBackLaterError('submitted for analysis', { delaySeconds: 60, state: { analysis: 'a-1', round: 1 } });
    return fakeIntel.lookup(ctx);
  },
};

describe('a lookup that comes back later', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  beforeAll(async () => {
    await Promise.all([platform.start(), vendor.start()]);
    vendor.script('/lookup/8.8.4.4', { status: 200, body: { cves: [], domains: ['dns.google'], score: 40 } });
  });
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));

  it('sends the same message again with its state and delay, and keeps the work in progress', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const body = modernMessage(ipEntity('8.8.4.4'), work.id);
    const h = harness(platform, vendor, { service: submitting });
    const pushedBefore = platform.pushed.length;

    const first = await createSqsHandler(submitting, async () => h.deps)(
      sqsEvent([{ id: 'c1', body, receiveCount: 3, attributes: { connector_id: CONNECTOR_ID } }]),
      lambdaContext,
    );

    // The delivered record is finished (deleted), not failed: no attempt spent, no visibility change.
    expect(first.batchItemFailures).toEqual([]);
    expect(h.visibility).toEqual([]);
    expect(h.sent).toEqual([
      {
        body,
        queueArn: 'arn:aws:sqs:us-east-1:000000000000:fake-intel',
        attributes: { connector_id: CONNECTOR_ID, [COME_BACK_ATTRIBUTE]: JSON.stringify({ analysis: 'a-1', round: 1 }) },
        delaySeconds: 60,
      },
    ]);
    expect(work.status).not.toBe('complete');
    expect(work.messages.at(-1)).toBe('submitted for analysis: next look in 60 s');
    expect(platform.pushed.length).toBe(pushedBefore);

    const again = h.sent[0]!;
    const second = await createSqsHandler(submitting, async () => h.deps)(
      sqsEvent([{ id: 'c2', body: again.body, attributes: again.attributes }]),
      lambdaContext,
    );
    expect(second.batchItemFailures).toEqual([]);
    expect(h.sent).toHaveLength(1);
    expect(work).toMatchObject({ status: 'complete' });
    expect(work.messages.at(-1)).toMatch(/^entity updated, /);
    expect(platform.pushed.find((p) => p.workId === work.id)?.bundle.objects[0]).toMatchObject({ x_opencti_score: 40 });
  });

  it('refuses a state too large to travel in a message attribute, as an error of the record', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const huge: ServiceDefinition = {
      ...fakeIntel,
      lookup: async () => {
        throw new ComeBackLaterError('submitted', { delaySeconds: 5, state: 'x'.repeat(5000) });
      },
    };
    const h = harness(platform, vendor, { service: huge });
    const response = await createSqsHandler(huge, async () => h.deps)(
      sqsEvent([{ id: 'c3', body: modernMessage(ipEntity('8.8.4.4'), work.id) }]),
      lambdaContext,
    );
    expect(h.sent).toEqual([]);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'c3' }]);
  });
});

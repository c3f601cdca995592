import type { SQSClient } from '@aws-sdk/client-sqs';
import { SecretResolver } from '../../shared/config';
import { createLogger } from '../../shared/logging';
import { createSqsHandler, VENDOR_MAX_BYTES, type RecordOutcome } from '../../shared/pipeline';
import { buildRuntimeDeps } from '../../shared/pipeline/runtime';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { API_KEY, CONNECTOR_ID, fakeIntel, lambdaContext, newPlatform, sqsEvent, TOKEN } from './fake-service';
import { ipEntity, modernMessage } from './messages';

describe('the vendor HTTP client of the runtime', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  const elsewhere = new ScriptedVendor();
  const outcomes: RecordOutcome[] = [];
  const visibilityChanges: unknown[] = [];

  beforeAll(() => Promise.all([platform.start(), vendor.start(), elsewhere.start()]));
  afterAll(() => Promise.all([platform.stop(), vendor.stop(), elsewhere.stop()]));

  // The production wiring, configured by the environment as in a function.
  const handler = () =>
    createSqsHandler(fakeIntel, (service) =>
      buildRuntimeDeps(service, {
        env: {
          OPENCTI_URL: platform.url,
          OPENCTI_TOKEN: TOKEN,
          CONNECTOR_ID,
          CONNECTOR_NAME: 'Fake Intel',
          CONNECTOR_SCOPE: 'IPv4-Addr',
          FAKE_INTEL_API_KEY: API_KEY,
          FAKE_INTEL_BASE_URL: vendor.url,
        },
        secrets: new SecretResolver(async () => undefined),
        logger: createLogger({ serviceName: 'fake-intel', level: 'SILENT' }),
        sqs: { send: async (command: unknown) => visibilityChanges.push(command) } as unknown as SQSClient,
        onOutcome: (outcome) => outcomes.push(outcome),
      }),
    );

  async function enrich(address: string) {
    const work = platform.createWork(CONNECTOR_ID);
    const response = await handler()(sqsEvent([{ id: address, body: modernMessage(ipEntity(address), work.id) }]), lambdaContext);
    return { work, response };
  }

  it('does not follow a vendor redirect, so the API key never reaches another host', async () => {
    vendor.script('/lookup/7.7.7.7', { status: 302, headers: { Location: `${elsewhere.url}/lookup/7.7.7.7` } });
    const { work, response } = await enrich('7.7.7.7');
    expect(vendor.requests.at(-1)).toMatchObject({ path: '/lookup/7.7.7.7', headers: { 'x-key': API_KEY } });
    expect(elsewhere.requests).toEqual([]);
    expect(response.batchItemFailures).toEqual([]);
    expect(work.errors).toEqual([expect.stringMatching(/fake-intel GET \/lookup\/7\.7\.7\.7: unexpected answer \(HTTP 302\)/)]);
    expect(work.errors[0]).not.toContain(API_KEY);
  });

  it('refuses a vendor answer over the size cap instead of reading it into memory', async () => {
    vendor.script('/lookup/7.7.7.8', { status: 200, body: { cves: [], domains: ['x'.repeat(VENDOR_MAX_BYTES)], score: 1 } });
    const before = platform.pushed.length;
    const { work } = await enrich('7.7.7.8');
    expect(outcomes.at(-1)).toMatchObject({ status: 'retry', message: expect.stringMatching(/ERR_BAD_RESPONSE/) });
    expect(platform.pushed.length).toBe(before);
    expect(work.status).not.toBe('complete');
  });
});

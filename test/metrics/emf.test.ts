import { createSqsHandler } from '../../shared/pipeline';
import { instrumentVendorHttp, timedPublisher } from '../../shared/pipeline/instrument';
import { emfMetricsSink, METRICS_NAMESPACE } from '../../shared/metrics';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { CONNECTOR_ID, harness, lambdaContext, newPlatform, sqsEvent } from '../pipeline/fake-service';
import { ipEntity, modernMessage } from '../pipeline/messages';

interface EmfRecord {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
  [key: string]: unknown;
}

/** The EMF records among the lines written to stdout while `run` ran. */
async function emfRecordsOf(run: () => Promise<unknown>): Promise<EmfRecord[]> {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n'));
    return true;
  });
  try {
    await run();
  } finally {
    write.mockRestore();
  }
  return lines.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l) as EmfRecord);
}

const sum = (value: unknown): number => (Array.isArray(value) ? value.reduce((a: number, b: number) => a + b, 0) : Number(value ?? 0));

describe('function metrics in embedded metric format', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();

  beforeAll(async () => {
    await Promise.all([platform.start(), vendor.start()]);
    vendor.script('/lookup/8.8.8.8', { status: 200, body: { cves: ['CVE-2021-44228'], domains: ['dns.google'], score: 70 } });
    vendor.script('/lookup/5.5.5.5', { status: 401, body: { error: 'bad key' } });
    vendor.script('/lookup/6.6.6.6', { status: 503 });
    vendor.script('/lookup/7.7.7.7', { status: 429 });
  });
  afterAll(() => Promise.all([platform.stop(), vendor.stop()]));

  it('writes one record per invocation with the connector dimension, outcomes, vendor calls by class and timings', async () => {
    const h = harness(platform, vendor);
    const metrics = emfMetricsSink({ service: 'fake-intel', connector: 'Fake Intel EU' });
    const deps = {
      ...h.deps,
      metrics,
      vendorHttp: instrumentVendorHttp(h.deps.vendorHttp, metrics),
      publisher: timedPublisher(h.deps.publisher, metrics),
    };
    const handler = createSqsHandler(deps.service, async () => deps);
    const body = (ip: string) => modernMessage(ipEntity(ip), platform.createWork(CONNECTOR_ID).id);

    const records = await emfRecordsOf(() =>
      handler(
        sqsEvent([
          { id: 'ok', body: body('8.8.8.8') },
          { id: 'none', body: body('1.1.1.1') },
          { id: 'key', body: body('5.5.5.5') },
          { id: 'down', body: body('6.6.6.6') },
          { id: 'limited', body: body('7.7.7.7'), receiveCount: 3 },
          { id: 'junk', body: 'not json' },
        ]),
        lambdaContext,
      ),
    );

    expect(records).toHaveLength(1);
    const [record] = records;
    const directive = record!._aws.CloudWatchMetrics[0]!;
    expect(directive.Namespace).toBe(METRICS_NAMESPACE);
    expect(directive.Dimensions).toEqual([expect.arrayContaining(['service', 'connector'])]);
    expect(record).toMatchObject({ connector: 'Fake Intel EU', service: 'fake-intel' });
    const units = Object.fromEntries(directive.Metrics.map((m) => [m.Name, m.Unit]));
    expect(units).toMatchObject({ VendorLatency: 'Milliseconds', PublishLatency: 'Milliseconds', Enriched: 'Count' });
    const counts = Object.fromEntries(directive.Metrics.map((m) => [m.Name, sum(record![m.Name])]));
    expect(counts).toMatchObject({
      ColdStart: 1,
      Enriched: 1,
      NoData: 1,
      Failed: 1, // the key refused: no retry helps
      Retried: 1, // the 503
      DeadLettered: 1, // the 429 on its last attempt
      Malformed: 1,
      VendorCalls: 5,
      VendorKeyRefused: 1,
      VendorServerErrors: 1,
      VendorRateLimited: 1,
      // The entity and the author, one vulnerability, one domain and their two relationships.
      ObjectsPerBundle: 6,
    });
  });

  it('counts a cold start once per container and writes nothing for an idle flush', async () => {
    const metrics = emfMetricsSink({ service: 'fake-intel', connector: 'c' });
    const first = await emfRecordsOf(async () => metrics.flush());
    const second = await emfRecordsOf(async () => metrics.flush());
    expect(first.map((r) => r.ColdStart)).toEqual([1]);
    expect(second).toEqual([]);
  });
});

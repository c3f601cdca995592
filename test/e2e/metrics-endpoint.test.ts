import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorUnderTest, platformIp } from './connector-under-test';
import { eventually } from './product';

const NAME = 'Shodan InternetDB (metrics)';
const HOST_ANSWER = JSON.parse(readFileSync(join(__dirname, '../fixtures/shodan-internetdb/host/response.json'), 'utf8'));
const ip = platformIp;

/** The value of one sample of the exposition text, e.g. `opencti_enrichment_enriched_total`. */
function sample(text: string, metric: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${metric}{connector="${NAME}"} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('npm start serves the metrics as Prometheus text at GET /metrics', () => {
  const under = new ConnectorUnderTest();
  const { platform, vendor, connectorId: CONNECTOR } = under;

  beforeAll(
    () =>
      under.start(({ vendor }) => ({
        CONNECTOR_SERVICE: 'shodan-internetdb',
        CONNECTOR_NAME: NAME,
        CONNECTOR_SCOPE: 'IPv4-Addr',
        CONNECTOR_LOG_LEVEL: 'warn',
        SHODAN_INTERNETDB_BASE_URL: vendor.url,
      })),
    60_000,
  );

  afterAll(() => under.stop());

  it('counts outcomes, vendor calls and the bridge forwarding per connector, named as in CloudWatch', async () => {
    vendor.script('/81.2.69.40', { status: 200, body: HOST_ANSWER });
    vendor.script('/81.2.69.41', { status: 404, body: { detail: 'No information available' } });
    const works = [
      await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.40'), entityType: 'IPv4-Addr' }),
      await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.41'), entityType: 'IPv4-Addr' }),
      await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.42', 'TLP:RED'), entityType: 'IPv4-Addr' }),
    ];
    await eventually(() => works.every((w) => w.status === 'complete'), 30_000, 'three works completed');

    const response = await fetch(`http://127.0.0.1:${under.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect({
      enriched: sample(text, 'opencti_enrichment_enriched_total'),
      noData: sample(text, 'opencti_enrichment_no_data_total'),
      skipped: sample(text, 'opencti_enrichment_skipped_total'),
      vendorCalls: sample(text, 'opencti_enrichment_vendor_calls_total'),
      latencySamples: sample(text, 'opencti_enrichment_vendor_latency_milliseconds_count'),
      published: sample(text, 'opencti_enrichment_publish_latency_milliseconds_count'),
      forwarded: sample(text, 'opencti_enrichment_forwarded_total'),
      acked: sample(text, 'opencti_enrichment_acked_total'),
      consumerUp: sample(text, 'opencti_enrichment_consumer_up'),
    }).toEqual({
      enriched: 1,
      noData: 1,
      skipped: 1,
      vendorCalls: 2,
      latencySamples: 2,
      published: 1,
      forwarded: 3,
      acked: 3,
      consumerUp: 1,
    });
    expect(sample(text, 'opencti_enrichment_ping_age_seconds')).toBeLessThan(60);
    expect(text).toContain('# HELP opencti_enrichment_vendor_calls_total HTTP requests to the vendor');
  });
});

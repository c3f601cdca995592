import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadFixtureCases, type FixtureCase } from '../../local/stand-in/fixture-case';
import { OPENCTI_EXTENSION_ID, OPENCTI_SCO_EXTENSION_ID, type StixObject } from '../../shared/stix';
import { hasSharedReference } from '../helpers/shared-reference';
import { stixProblems } from '../helpers/stix-schema';
import { ConnectorUnderTest } from './connector-under-test';
import { eventually } from './product';

/**
 * A wave-2 service through `npm start`: VirusTotal, with the real RabbitMQ and SQS server, its
 * answers taken from the recorded fixture cases. Covers the lookup, the come-back of an unseen URL
 * through a delayed SQS message, and an Artifact whose sample only the platform's storage holds.
 */
const cases = new Map((loadFixtureCases(join(__dirname, '..', 'fixtures')).get('virustotal') ?? []).map((c) => [c.name, c]));
const fixture = (name: string): FixtureCase => cases.get(name) ?? (undefined as never);

/** The case's entity with a fresh platform id, as the platform would send it. */
function entityOf(name: string): StixObject {
  const entity = structuredClone(fixture(name).entity);
  (entity.extensions as Record<string, { id: string }>)[OPENCTI_EXTENSION_ID]!.id = randomUUID();
  return entity;
}

describe('npm start with a wave-2 service (VirusTotal), end to end', () => {
  const under = new ConnectorUnderTest();
  const { platform, vendor, connectorId: CONNECTOR } = under;

  /** Scripts the vendor with the recorded exchanges of `names`, answers of one path in the order given. */
  const replay = (...names: string[]) => {
    const byPath = new Map<string, Array<{ status: number; body?: unknown; headers?: Record<string, string> }>>();
    for (const exchange of names.flatMap((n) => fixture(n).exchanges)) {
      const query = new URLSearchParams(exchange.request.query ?? {}).toString();
      const path = `${exchange.request.path}${query ? `?${query}` : ''}`;
      byPath.set(path, [...(byPath.get(path) ?? []), exchange.response]);
    }
    for (const [path, answers] of byPath) vendor.script(path, ...answers);
  };
  const done = (work: { status: string }, timeoutMs = 30_000) =>
    eventually(() => work.status === 'complete' && work, timeoutMs, 'work completed');

  beforeAll(
    () =>
      under.start(({ vendor }) => ({
        CONNECTOR_SERVICE: 'virustotal',
        CONNECTOR_NAME: 'VirusTotal (e2e)',
        CONNECTOR_SCOPE: 'IPv4-Addr,Url,Artifact',
        CONNECTOR_AUTO: 'true',
        CONNECTOR_LOG_LEVEL: 'warn',
        VIRUSTOTAL_API_KEY: 'test-api-key',
        VIRUSTOTAL_BASE_URL: `${vendor.url}/api/v3`,
        // The public API's 4/m would make this test wait minutes; quotas have their own test.
        VIRUSTOTAL_RATE_LIMIT: 'none',
        LOCAL_STATS_INTERVAL_MS: '1000',
      })),
    60_000,
  );

  afterAll(() => under.stop());

  afterEach(() => {
    expect(platform.requests.flatMap((r) => r.validationErrors)).toEqual([]);
    if (hasSharedReference()) for (const { bundle } of platform.pushed) expect(stixProblems(bundle)).toEqual([]);
  });

  it('enriches an IPv4 address with the score, labels and results note VirusTotal gives', async () => {
    replay('ipv4-flagged');
    const entity = entityOf('ipv4-flagged');
    const work = await platform.askEnrichment(CONNECTOR, { entity, entityType: 'IPv4-Addr' });
    await done(work);
    expect(work.errors).toEqual([]);
    const bundle = platform.pushed.find((p) => p.workId === work.id)!.bundle;
    const enriched = bundle.objects.find((o) => o.id === entity.id)!;
    expect(enriched.extensions).toMatchObject({ [OPENCTI_SCO_EXTENSION_ID]: { score: 14, labels: ['suspicious-udp'] } });
    expect(bundle.objects.filter((o) => o.type === 'note').map((o) => o.abstract)).toContain('VirusTotal results for 138.128.150.133');
  });

  it('submits an unseen URL, comes back for the analysis through a delayed SQS message, and then enriches it', async () => {
    replay('url-unseen-submitted', 'url-analysis-completed');
    const entity = entityOf('url-unseen-submitted');
    const work = await platform.askEnrichment(CONNECTOR, { entity, entityType: 'Url', mode: 'manual' });
    await eventually(() => work.messages.some((m) => /being analysed/.test(m)), 30_000, 'the come-back message on the work');
    expect(work.status).not.toBe('complete');
    await done(work, 60_000);
    expect(work.errors).toEqual([]);
    const calls = vendor.requests.filter((r) => r.path.startsWith('/api/v3/urls') || r.path.startsWith('/api/v3/analyses'));
    expect(calls.map((r) => `${r.method} ${r.path.split('/').slice(3, 4)[0]}`)).toEqual([
      'GET urls',
      'POST urls',
      'GET analyses',
      'GET urls',
    ]);
    expect(platform.pushed.find((p) => p.workId === work.id)!.bundle.objects.some((o) => o.id === entity.id)).toBe(true);
  }, 90_000);

  it('uploads an unseen Artifact whose sample the platform stores, downloaded with the connector token', async () => {
    replay('artifact-stored-in-opencti-submitted');
    const c = fixture('artifact-stored-in-opencti-submitted');
    for (const [uri, content] of Object.entries(c.file.openctiFiles!)) platform.files.set(uri, Buffer.from(content, 'base64'));
    const work = await platform.askEnrichment(CONNECTOR, { entity: entityOf(c.name), entityType: 'Artifact' });
    await eventually(() => work.messages.some((m) => /being analysed/.test(m)), 30_000, 'the come-back message on the work');
    expect(platform.downloads).toEqual([{ path: Object.keys(c.file.openctiFiles!)[0], authorized: true }]);
    const upload = vendor.requests.find((r) => r.method === 'POST' && r.path === '/api/v3/files')!;
    expect(upload.body.toString('latin1')).toContain('filename="invoice.pdf"');
    expect(upload.body.toString('latin1')).toContain('%PDF-1.7 demo artifact');
    expect(work.errors).toEqual([]);
  });
});

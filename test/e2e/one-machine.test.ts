import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { playbookEnrichmentMessage } from '../../local/stand-in/enrichment-messages';
import { ipv4Addr } from '../../shared/stix';
import { hasSharedReference } from '../helpers/shared-reference';
import { stixProblems } from '../helpers/stix-schema';
import { ConnectorUnderTest, platformIp } from './connector-under-test';
import { eventually, ProductProcess } from './product';

const HOST_ANSWER = JSON.parse(readFileSync(join(__dirname, '../fixtures/shodan-internetdb/host/response.json'), 'utf8'));
const ip = platformIp;

describe('npm start, end to end (real RabbitMQ, SQS server on loopback, stand-in OpenCTI)', () => {
  const under = new ConnectorUnderTest();
  const { platform, vendor, stateDir, connectorId: CONNECTOR, token: TOKEN } = under;
  let product: ProductProcess;

  beforeAll(async () => {
    await under.start(({ vendor }) => ({
      CONNECTOR_SERVICE: 'shodan-internetdb',
      CONNECTOR_NAME: 'Shodan InternetDB (e2e)',
      CONNECTOR_SCOPE: 'IPv4-Addr,IPv6-Addr',
      CONNECTOR_AUTO: 'true',
      CONNECTOR_LOG_LEVEL: 'warn',
      SHODAN_INTERNETDB_BASE_URL: vendor.url,
      PIPELINE_MAX_RECEIVES: '3',
      PIPELINE_RETRY_BASE_SECONDS: '1',
      PIPELINE_RETRY_MAX_SECONDS: '2',
      LOCAL_STATS_INTERVAL_MS: '500',
    }));
    product = under.product;
  }, 60_000);

  afterAll(() => under.stop());

  afterEach(() => {
    expect(platform.requests.flatMap((r) => r.validationErrors)).toEqual([]);
    if (hasSharedReference()) for (const { bundle } of platform.pushed) expect(stixProblems(bundle)).toEqual([]);
  });

  const done = (work: { status: string }) => eventually(() => work.status === 'complete' && work, 30_000, 'work completed');

  it('registers with its own token, with the seed-style settings', () => {
    const registered = platform.connectors.get(CONNECTOR)!;
    expect(registered.token).toBe(TOKEN);
    expect(registered.input).toMatchObject({
      type: 'INTERNAL_ENRICHMENT',
      scope: ['IPv4-Addr', 'IPv6-Addr'],
      auto: true,
      playbook_compatible: true,
    });
  });

  it('enriches an entity on creation (auto) and pushes the bundle', async () => {
    vendor.script('/81.2.69.23', { status: 200, body: HOST_ANSWER });
    const work = await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.23'), entityType: 'IPv4-Addr', mode: 'auto' });
    await done(work);
    expect(work.errors).toEqual([]);
    const bundle = platform.pushed.find((p) => p.workId === work.id)!.bundle;
    expect(bundle.objects[0]!.id).toBe(ipv4Addr('81.2.69.23').id);
    expect(bundle.objects.map((o) => o.type)).toEqual(expect.arrayContaining(['vulnerability', 'domain-name', 'software', 'note']));
  });

  it('enriches on a manual request from the UI', async () => {
    vendor.script('/81.2.69.24', { status: 200, body: HOST_ANSWER });
    const work = await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.24'), entityType: 'IPv4-Addr', mode: 'manual' });
    await done(work);
    expect(work.messages.at(-1)).toMatch(/\d+ objects: /);
  });

  it('answers a playbook step with the enriched bundle', async () => {
    vendor.script('/81.2.69.25', { status: 200, body: HOST_ANSWER });
    const entity = ip('81.2.69.25');
    await platform.deliver(CONNECTOR, playbookEnrichmentMessage(entity, { execution: 'exec-e2e', step: 'step-enrich' }));
    const answer = await eventually(() => platform.playbookAnswers.find((a) => a.execution_id === 'exec-e2e'), 30_000, 'playbook answer');
    const bundle = JSON.parse(answer.bundle as string);
    expect(bundle.objects[0].id).toBe(entity.id);
    expect(bundle.objects.length).toBeGreaterThan(2);
    if (hasSharedReference()) expect(stixProblems(bundle)).toEqual([]);
  });

  it('never calls the vendor for an entity above the max TLP', async () => {
    const work = await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.26', 'TLP:RED'), entityType: 'IPv4-Addr' });
    await done(work);
    expect(work.messages.at(-1)).toMatch(/TLP:RED is above the maximum TLP:AMBER/);
    expect(vendor.calls('/81.2.69.26')).toBe(0);
  });

  it('retries after a 429 and then succeeds', async () => {
    vendor.script('/81.2.69.27', { status: 429, headers: { 'Retry-After': '1' } }, { status: 200, body: HOST_ANSWER });
    const work = await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.27'), entityType: 'IPv4-Addr' });
    await done(work);
    expect(work.errors).toEqual([]);
    expect(vendor.calls('/81.2.69.27')).toBe(2);
    expect(platform.pushed.some((p) => p.workId === work.id)).toBe(true);
  });

  it('sends a message whose vendor always fails to the DLQ, with the work in error', async () => {
    vendor.script('/81.2.69.28', { status: 503 });
    const work = await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.28'), entityType: 'IPv4-Addr' });
    await done(work);
    expect(work.errors).toEqual([expect.stringMatching(/HTTP 503.*gave up after 3 attempts/)]);
    expect(vendor.calls('/81.2.69.28')).toBe(3);
    await product.waitFor(/DLQ [1-9]/);
  });

  it('processes good messages around a malformed one, which goes to the DLQ', async () => {
    vendor.script('/81.2.69.29', { status: 200, body: HOST_ANSWER });
    vendor.script('/81.2.69.30', { status: 404, body: { detail: 'No information available' } });
    const first = await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.29'), entityType: 'IPv4-Addr' });
    await platform.deliver(CONNECTOR, '{"internal": {"work_id": "broken"');
    const second = await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.30'), entityType: 'IPv4-Addr' });
    await Promise.all([done(first), done(second)]);
    expect(second.messages.at(-1)).toMatch(/^no data/);
    await product.waitFor(/Malformed enrichment message/);
    await product.waitFor(/DLQ 2/);
  });

  it('reads the entity from the platform for a 6.0-6.8.8 message without stix_entity', async () => {
    vendor.script('/81.2.69.31', { status: 200, body: HOST_ANSWER });
    const work = await platform.askEnrichment(CONNECTOR, { entity: ip('81.2.69.31'), entityType: 'IPv4-Addr', shape: 'v6' });
    await done(work);
    expect(platform.calls('stix').some((r) => r.variables.id === ipv4Addr('81.2.69.31').id)).toBe(true);
    expect(platform.pushed.some((p) => p.workId === work.id)).toBe(true);
  });

  it('stops on Ctrl-C, keeps the dead letters in a private file, and npm run redrive puts them back', async () => {
    expect(await product.stop('SIGINT')).toBe(0);
    const folder = join(stateDir, 'queues', `shodan-internetdb-${CONNECTOR.slice(0, 8)}`);
    const live = (file: string) => {
      const lines = readFileSync(join(folder, file), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const done = new Set(lines.filter((l) => l.op === 'done').map((l) => l.id));
      return lines.filter((l) => l.op === 'add' && !done.has(l.id));
    };
    expect(live('dead-letters.jsonl')).toHaveLength(2);
    for (const path of [stateDir, join(stateDir, 'queues'), folder]) expect(statSync(path).mode & 0o777).toBe(0o700);
    for (const file of ['dead-letters.jsonl', 'journal.jsonl', 'connector.json'])
      expect(statSync(join(folder, file)).mode & 0o777).toBe(0o600);

    const redrive = spawnSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'local', 'redrive.js'), 'Shodan InternetDB (e2e)'], {
      env: { ...process.env, LOCAL_STATE_DIR: stateDir },
      encoding: 'utf8',
    });
    expect(redrive.stdout).toMatch(/\[Shodan InternetDB \(e2e\)\] 2 dead-lettered message\(s\) moved back/);
    expect(redrive.status).toBe(0);
    expect(live('dead-letters.jsonl')).toHaveLength(0);
    expect(live('journal.jsonl')).toHaveLength(2);

    // The next start processes them again: still malformed, so they end in the DLQ again.
    product = under.product = new ProductProcess(under.env);
    product.start();
    await product.waitFor(/2 waiting record\(s\) kept/);
    await product.waitFor(/2 dead-lettered message\(s\)|DLQ 2/, 60_000);
    expect(live('journal.jsonl')).toHaveLength(0);
  }, 90_000);
});

describe('npm run demo', () => {
  it.each([
    ['through RabbitMQ', 'AMQP', /delivered through RabbitMQ/],
    ['in callback mode', 'API', /delivered through callback mode/],
  ])(
    'enriches recorded observables %s and prints a summary of each bundle',
    async (_how, protocol, delivery) => {
      const root = join(__dirname, '..', '..');
      const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'local', 'demo', 'demo.ts')], {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, DEMO_LISTEN_PROTOCOL: protocol },
      });
      expect(result.stdout).toMatch(delivery);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/shodan-internetdb · IPv4-Addr 81\.2\.69\.160/);
      expect(result.stdout).toMatch(/objects: 1 ipv4-addr, 1 identity, .*vulnerability/);
      expect(result.stdout).not.toMatch(/work: (wait|progress)|error:/);
      expect(result.stdout).toMatch(/\[AbuseIPDB \(demo\)\] received 3 · enriched 3/);
      // Two Shodan services, counted apart; no recorded case on an address no vendor can know.
      expect(result.stdout).toMatch(/\[Shodan \(shodan, demo\)\] received \d+ · enriched/);
      expect(result.stdout).toMatch(/\[Shodan \(shodan-internetdb, demo\)\] received \d+ · enriched/);
      expect(result.stdout).not.toMatch(/not sent to/);
      // Countries as the platform names them, not as Node's ICU data does ("United States").
      expect(result.stdout).toMatch(/sighted 2x in United States of America/);
    },
    130_000,
  );
});

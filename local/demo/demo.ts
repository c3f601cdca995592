import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import { SERVICES } from '../../functions/services';
import { loadConnectorConfig } from '../../shared/config/connector-config';
import type { LocalConnector } from '../settings';
import { OpenCtiStandIn } from '../stand-in/opencti-stand-in';
import { freePort } from '../free-port';
import { PlatformRabbit, rabbitAnswers } from '../stand-in/platform-rabbit';
import { startLocalRun } from '../runner';
import { summarizeBundle } from './bundle-summary';
import { loadFixtureCases, type FixtureCase } from '../stand-in/fixture-case';
import { RecordedVendor } from '../stand-in/recorded-vendor';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const DEMO_NAMESPACE = '6b1f4c3e-2a9d-4f7b-8e1c-5d0a9b8c7d6e';

async function waitFor<T>(check: () => T | undefined | false, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value || Date.now() > deadline) return value || undefined;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `npm run demo`: the product against a stand-in OpenCTI and recorded vendor answers, with no
 * internet and no AWS: several observables enriched one after another, then what each bundle holds.
 */
async function demo(): Promise<void> {
  // The notice about Node 22 is for deployments; the demo runs on whatever Node the machine has.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const useRabbit = process.env.DEMO_LISTEN_PROTOCOL?.toUpperCase() !== 'API' && (await rabbitAnswers());
  const rabbit = useRabbit ? new PlatformRabbit() : undefined;
  const fixtures = loadFixtureCases(FIXTURES);
  const services = SERVICES.map((service) => ({
    service,
    // Cases replayed with default settings on a first delivery: a case that needs its own settings
    // or resumes an earlier come-back shows nothing more here.
    cases: (fixtures.get(service.name) ?? []).filter((c) => c.file.expect === 'data' && !c.file.settings && c.file.resume === undefined),
  })).filter((s) => s.cases.length);
  const tokens = services.map((s) => `demo-token-${s.service.name}`);
  const platform = new OpenCtiStandIn({ tokens, platformRabbit: rabbit });
  await platform.start();
  const vendors = new Map<string, RecordedVendor>();
  for (const { service } of services) vendors.set(service.name, await RecordedVendor.start());

  const connectors: LocalConnector[] = services.map(({ service }) => {
    const section = service.name.replace(/-/g, '_');
    const config = loadConnectorConfig(
      {
        env: {},
        yaml: {
          opencti: { url: platform.url, token: `demo-token-${service.name}` },
          connector: {
            id: uuidv5(service.name, DEMO_NAMESPACE),
            // Two services of one vendor (Shodan, Shodan InternetDB) must not share a name: counts are kept by name.
            name:
              services.filter((s) => s.service.author === service.author).length > 1
                ? `${service.author} (${service.name}, demo)`
                : `${service.author} (demo)`,
            scope: service.scope.join(','),
            auto: true,
            log_level: 'error',
            listen_protocol: useRabbit ? 'AMQP' : 'API',
          },
          [section]: {
            api_key: service.apiKey === 'none' ? undefined : 'test-api-key',
            base_url: vendors.get(service.name)!.baseUrlFor(service.defaultBaseUrl),
            // Recorded answers: no vendor quota to keep, and each case must show its own answer,
            // not a cached one for the same value.
            rate_limit: 'none',
            cache_ttl: 0,
          },
        },
      },
      service,
    );
    return { service, config, batchSize: 10, concurrency: 2, maxReceives: 3, visibilityTimeout: 30 };
  });

  const stateDir = mkdtempSync(join(tmpdir(), 'opencti-demo-'));
  const lines: string[] = [];
  const run = await startLocalRun({
    connectors,
    env: {},
    httpPort: await freePort(),
    stateDir,
    statsIntervalMs: 3_600_000,
    print: (l) => lines.push(l),
  });
  console.log(
    `Demo: ${connectors.length} connectors, messages delivered through ${useRabbit ? 'RabbitMQ on 127.0.0.1:5672' : 'callback mode (API listen protocol; RabbitMQ not used)'}\n`,
  );
  try {
    await waitFor(() => connectors.every((c) => platform.connectors.get(c.config.connector.id)?.pings), 30_000);
    for (const [i, { service, cases }] of services.entries()) {
      for (const recorded of cases) {
        vendors.get(service.name)!.use(recorded.exchanges);
        await enrichOne(platform, connectors[i]!, service.name, recorded);
      }
    }
    console.log('Per connector:');
    run.stats.summaryLines().forEach((l) => console.log(`  ${l}`));
  } finally {
    await run.stop();
    for (const v of vendors.values()) await v.close();
    for (const c of connectors) await rabbit?.deleteConnector(c.config.connector.id).catch(() => undefined);
    await rabbit?.close();
    await platform.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function enrichOne(platform: OpenCtiStandIn, connector: LocalConnector, service: string, recorded: FixtureCase): Promise<void> {
  const started = Date.now();
  const { entity, file } = recorded;
  const work = await platform.askEnrichment(connector.config.connector.id, { entity, entityType: file.entityType, mode: 'manual' });
  await waitFor(() => work.status === 'complete', 30_000);
  const label = String(entity.value ?? entity.name ?? entity.id);
  console.log(`${service} · ${file.entityType} ${label} (${file.description})`);
  console.log(
    `  work: ${work.status}, ${work.errors.length ? `error: ${work.errors.join('; ')}` : work.messages.at(-1)} in ${Date.now() - started} ms`,
  );
  const pushed = platform.pushed.find((p) => p.workId === work.id);
  if (pushed) summarizeBundle(pushed.bundle).forEach((l) => console.log(`  ${l}`));
  console.log('');
}

demo().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`Demo failed: ${error.message}`);
    process.exit(1);
  },
);

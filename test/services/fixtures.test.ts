import axios, { isAxiosError } from 'axios';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from '../../functions/services';
import { classifyLookupError } from '../../shared/pipeline/classify';
import { OpenCtiFileTooLargeError } from '../../shared/opencti/errors';
import { ConfigError, type ConfigProblem } from '../../shared/config/errors';
import { serviceEnvPrefix } from '../../shared/config/connector-config';
import { readServiceOptions } from '../../shared/config/service-options';
import { ComeBackLaterError, NonRetryableError, RetryableError, SkipError } from '../../shared/pipeline/errors';
import type { MappingContext, ServiceDefinition } from '../../shared/pipeline/service';
import { authorIdentity, buildBundle, type StixObject } from '../../shared/stix';
import { describeWithReference } from '../helpers/shared-reference';
import { expectValidStix } from '../helpers/stix-schema';
import { loadFixtureCases, type FixtureCase, type Outcome } from '../../local/stand-in/fixture-case';
import { RecordedVendor } from '../../local/stand-in/recorded-vendor';

/**
 * One table-driven test for every service: each `test/fixtures/<service>/<case>/` folder serves its
 * recorded vendor answer on loopback, runs the service's lookup against it, and checks the outcome
 * (and, with data, the mapped objects against `expected.json`). Regenerate the expected files with
 * `UPDATE_FIXTURES=1 npx jest test/services`, then review every change by eye.
 */
const FIXTURES = join(__dirname, '..', 'fixtures');
const NOW = '2024-06-01T00:00:00.000Z';
const LATER = '2024-07-15T12:30:00.000Z';
const API_KEY = 'test-api-key';
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const cases = loadFixtureCases(FIXTURES);

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The service's options as the case's `settings` set them, read the way the configuration reads them. */
function optionsOf(service: ServiceDefinition, c: FixtureCase): Record<string, unknown> {
  const problems: ConfigProblem[] = [];
  const options = readServiceOptions({ env: c.file.settings ?? {}, yaml: {} }, serviceEnvPrefix(service.name), service.options, problems);
  if (problems.length) throw new ConfigError(problems);
  return options;
}

async function lookup(service: ServiceDefinition, c: FixtureCase, vendor: RecordedVendor): Promise<unknown> {
  const baseUrl = vendor.baseUrlFor(service.defaultBaseUrl);
  const http = axios.create({ baseURL: baseUrl, timeout: 5000, proxy: false });
  return service.lookup({
    http,
    baseUrl,
    apiKey: service.apiKey === 'none' ? undefined : API_KEY,
    entity: c.entity,
    entityType: c.file.entityType,
    resume: c.file.resume,
    options: optionsOf(service, c),
    openctiFile: async (uri, maxBytes) => {
      const stored = c.file.openctiFiles?.[uri];
      if (stored === undefined) return undefined;
      const content = Buffer.from(stored, 'base64');
      if (content.length > maxBytes) throw new OpenCtiFileTooLargeError(uri, maxBytes);
      return content;
    },
  });
}

const mappingContext = (service: ServiceDefinition, c: FixtureCase, now: string): MappingContext => ({
  entity: c.entity,
  entityType: c.file.entityType,
  authorId: authorIdentity(service.author).id,
  markings: c.entity.object_marking_refs ?? [],
  now,
  options: optionsOf(service, c),
});

/** Every recorded exchange was asked for, with the expected headers, and nothing else was. */
function expectRequests(c: FixtureCase, vendor: RecordedVendor): void {
  expect(vendor.received.filter((r) => !r.exchange).map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)}`)).toEqual([]);
  for (const exchange of c.exchanges) {
    const received = vendor.received.filter((r) => r.exchange === exchange);
    expect({ request: exchange.request, count: received.length }).toEqual({ request: exchange.request, count: 1 });
    for (const [name, value] of Object.entries(exchange.request.headers ?? {}))
      expect(received[0]?.headers[name.toLowerCase()]).toBe(value);
  }
}

/** The pipeline's outcome for what the lookup threw (it classifies raw axios errors itself). */
function outcomeOf(classified: Error): Outcome {
  if (classified instanceof ComeBackLaterError) return 'come-back';
  if (classified instanceof SkipError) return 'skip';
  if (classified instanceof RetryableError) return 'retryable';
  if (classified instanceof NonRetryableError) return 'non-retryable';
  throw classified;
}

async function expectFailure(service: ServiceDefinition, c: FixtureCase, vendor: RecordedVendor): Promise<void> {
  const thrown = await lookup(service, c, vendor).then(
    () => new Error('the lookup succeeded'),
    (error: unknown) => error as Error,
  );
  const expected = c.file.error;
  expect(isAxiosError(thrown) ? 'AxiosError' : thrown.name).toBe(expected?.thrown);
  if (expected?.status !== undefined) expect(isAxiosError(thrown) && thrown.response?.status).toBe(expected.status);
  const keyVariable = `${serviceEnvPrefix(service.name)}_API_KEY`;
  const classified = classifyLookupError(
    thrown,
    { name: service.name, keyVariable, classifyError: service.classifyError },
    Date.parse(NOW),
  );
  expect(outcomeOf(classified)).toBe(c.file.expect);
  if (expected?.retryAfterSeconds !== undefined) expect((classified as RetryableError).retryAfterSeconds).toBe(expected.retryAfterSeconds);
  if (expected?.message !== undefined) expect(classified.message).toContain(expected.message);
  // What the work and the logs show: some vendors take the key in the query string (IPinfo, Shodan).
  expect(classified.message).not.toContain(API_KEY);
  if (classified instanceof ComeBackLaterError)
    expect({ delaySeconds: classified.delaySeconds, state: asJson(classified.state) }).toEqual({
      delaySeconds: expected?.delaySeconds,
      state: expected?.state,
    });
}

async function expectData(service: ServiceDefinition, c: FixtureCase, vendor: RecordedVendor): Promise<void> {
  const result = await lookup(service, c, vendor);
  expectRequests(c, vendor);
  expect(result).toBeDefined();
  const objects = asJson(service.toStix(result, mappingContext(service, c, NOW))) as StixObject[];
  if (UPDATE) writeFileSync(c.expectedPath, `${JSON.stringify(objects, null, 2)}\n`);
  expect(objects).toEqual(JSON.parse(readFileSync(c.expectedPath, 'utf8')));
  // Enriching again later must upsert the same objects, never add new ones.
  const again = service.toStix(await lookup(service, c, vendor), mappingContext(service, c, LATER));
  expect(again.map((o) => o.id)).toEqual(objects.map((o) => o.id));
}

describe('service fixtures', () => {
  it('has fixtures for every service in functions/services.ts, and a service for every fixture folder', () => {
    expect([...cases.keys()]).toEqual(SERVICES.map((s) => s.name).sort());
  });

  for (const service of SERVICES) {
    describe(service.name, () => {
      it.each((cases.get(service.name) ?? []).map((c) => [`${c.name}: ${c.file.description}`, c] as const))('%s', async (_title, c) => {
        const vendor = await RecordedVendor.start(c.exchanges);
        try {
          if (c.file.expect === 'data') await expectData(service, c, vendor);
          else if (c.file.expect === 'no-data') expect(await lookup(service, c, vendor)).toBeUndefined();
          else await expectFailure(service, c, vendor);
          if (c.file.expect !== 'data') expectRequests(c, vendor);
        } finally {
          await vendor.close();
        }
      });
    });
  }
});

describeWithReference('service fixtures against the OASIS STIX 2.1 schemas', () => {
  const dataCases = [...cases.values()].flat().filter((c) => c.file.expect === 'data');
  it.each(dataCases.map((c) => [`${c.service}/${c.name}`, c] as const))('%s', (_title, c) => {
    expectValidStix(buildBundle(JSON.parse(readFileSync(c.expectedPath, 'utf8')) as StixObject[]));
  });
});

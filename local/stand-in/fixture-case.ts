import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StixObject } from '../../shared/stix/types';
import type { Exchange, ExpectedRequest } from './recorded-vendor';

/** What the lookup must end in: the pipeline's outcomes (`come-back`: a `ComeBackLaterError`). */
export type Outcome = 'data' | 'no-data' | 'retryable' | 'non-retryable' | 'skip' | 'come-back';

/** One vendor exchange in `case.json`; the body inline or in a file of the case folder. */
interface VendorEntry {
  request: ExpectedRequest;
  response: { status: number; headers?: Record<string, string>; body?: unknown; bodyFile?: string };
}

/** `case.json`: the entity's OpenCTI type, the recorded exchanges, and the expected outcome. */
export interface CaseFile {
  description: string;
  entityType: string;
  /** The service's variables as a user sets them (`VIRUSTOTAL_IP_ADD_RELATIONSHIPS: "true"`); defaults otherwise. */
  settings?: Record<string, string>;
  /** The `state` of an earlier `ComeBackLaterError`, handed to the lookup as `resume` (a later delivery). */
  resume?: unknown;
  /** Files the platform stores, by the `uri` the entity's STIX form lists them under (`/storage/get/...`): their content, base64. */
  openctiFiles?: Record<string, string>;
  /** In the order the lookup sends them; empty when it must not call the vendor at all. */
  vendor?: VendorEntry | VendorEntry[];
  expect: Outcome;
  /** For failures: what the lookup threw and what the pipeline made of it. */
  error?: {
    /** Class the lookup threw: `AxiosError` (left to the pipeline), `RetryableError`, `NonRetryableError`, `SkipError`, `ComeBackLaterError`. */
    thrown: string;
    /** HTTP status of a raw axios error. */
    status?: number;
    /** `Retry-After` the pipeline will honour. */
    retryAfterSeconds?: number;
    /** Text the error message (as the pipeline reports it) must contain. */
    message?: string;
    /** For `come-back`: the delay before the next delivery, in seconds. */
    delaySeconds?: number;
    /** For `come-back`: the exact `state` the next delivery gets as `resume`. */
    state?: unknown;
  };
}

/** One recorded case of `test/fixtures/<service>/<case>/`, as the fixture tests and `npm run demo` replay it. */
export interface FixtureCase {
  service: string;
  name: string;
  dir: string;
  file: CaseFile;
  /** `entity.json`: the STIX entity as OpenCTI sends it in `stix_entity`. */
  entity: StixObject;
  exchanges: Exchange[];
  /** `expected.json`: the reviewed objects toStix returns, for `data` cases. */
  expectedPath: string;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const folders = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

function loadCase(root: string, service: string, name: string): FixtureCase {
  const dir = join(root, service, name);
  const file = readJson(join(dir, 'case.json')) as CaseFile;
  const entries = file.vendor === undefined ? [] : Array.isArray(file.vendor) ? file.vendor : [file.vendor];
  const exchanges = entries.map(({ request, response }) => ({
    request,
    response: {
      status: response.status,
      headers: response.headers,
      body: response.bodyFile ? readFileSync(join(dir, response.bodyFile), 'utf8') : response.body,
    },
  }));
  return {
    service,
    name,
    dir,
    file,
    entity: readJson(join(dir, 'entity.json')) as StixObject,
    exchanges,
    expectedPath: join(dir, 'expected.json'),
  };
}

/** Every case under `root/<service>/<case>/`, by service; a body file is served as it is, byte for byte. */
export function loadFixtureCases(root: string): Map<string, FixtureCase[]> {
  const byService = new Map<string, FixtureCase[]>();
  if (!existsSync(root)) return byService;
  for (const service of folders(root))
    byService.set(
      service,
      folders(join(root, service)).map((name) => loadCase(root, service, name)),
    );
  return byService;
}

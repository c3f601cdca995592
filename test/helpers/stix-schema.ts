import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SHARED_REFERENCE } from './shared-reference';

const SCHEMA_DIR = join(SHARED_REFERENCE, 'stix2-json-schemas', 'schemas');
let validateBundleFn: ValidateFunction | undefined;
const byType = new Map<string, ValidateFunction>();

function load(): void {
  if (validateBundleFn) return;
  const ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  // ajv-formats has no idn-hostname (domain-name values): accept what Node can convert to ASCII.
  ajv.addFormat('idn-hostname', (value: string) => domainToASCII(value) !== '');
  for (const folder of readdirSync(SCHEMA_DIR)) {
    for (const file of readdirSync(join(SCHEMA_DIR, folder)).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, folder, file), 'utf8'));
      ajv.addSchema(schema);
      if (folder !== 'common') byType.set(file.replace(/\.json$/, ''), ajv.getSchema(schema.$id)!);
    }
  }
  validateBundleFn = ajv.getSchema(
    'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json',
  )!;
  byType.set(
    'marking-definition',
    ajv.getSchema('http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/marking-definition.json')!,
  );
}

/**
 * SDO types the OASIS bundle schema forgets to list: such an object falls to its "custom object"
 * branch, which requires matching exactly one of core and cyber-observable-core, and a valid SDO
 * matches both. These are checked against their own schema only.
 */
const MISSING_FROM_BUNDLE_SCHEMA = new Set(['location', 'note', 'opinion', 'grouping']);

/**
 * Problems the OASIS STIX 2.1 schemas find in a bundle: the bundle with each object it lists
 * (custom SCO types such as `hostname` through its custom-object rules), then every object against
 * its own type's schema. Empty when valid.
 */
export function stixProblems(bundle: unknown): string[] {
  load();
  const problems: string[] = [];
  const listed = {
    ...(bundle as object),
    objects: ((bundle as { objects?: Array<{ type: string }> }).objects ?? []).filter((o) => !MISSING_FROM_BUNDLE_SCHEMA.has(o.type)),
  };
  if (listed.objects.length === 0) {
    const { type, id } = bundle as { type?: unknown; id?: unknown };
    if (type !== 'bundle' || typeof id !== 'string' || !/^bundle--[0-9a-f-]{36}$/.test(id)) problems.push('bundle: not a bundle envelope');
  } else if (!validateBundleFn!(listed))
    problems.push(
      `bundle: ${JSON.stringify(validateBundleFn!.errors?.filter((e) => !['enum', 'pattern', 'oneOf'].includes(e.keyword)).slice(0, 8))}`,
    );
  const objects = (bundle as { objects?: Array<{ type: string; id: string }> }).objects ?? [];
  for (const object of objects) {
    const validate = byType.get(object.type);
    if (validate && !(validate as (data: unknown) => boolean)(object))
      problems.push(`${object.id}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
  }
  return problems;
}

/** Jest assertion: the bundle passes the OASIS schemas. */
export function expectValidStix(bundle: unknown): void {
  expect(stixProblems(bundle)).toEqual([]);
}

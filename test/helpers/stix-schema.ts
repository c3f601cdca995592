import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  for (const folder of readdirSync(SCHEMA_DIR)) {
    for (const file of readdirSync(join(SCHEMA_DIR, folder)).filter((f) => f.endsWith('.json'))) {
      const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, folder, file), 'utf8'));
      ajv.addSchema(schema);
      if (folder !== 'common') byType.set(file.replace(/\.json$/, ''), ajv.getSchema(schema.$id)!);
    }
  }
  validateBundleFn = ajv.getSchema('http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json')!;
  byType.set('marking-definition', ajv.getSchema('http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/marking-definition.json')!);
}

/**
 * Problems the OASIS STIX 2.1 schemas find in a bundle: the bundle itself, then each object
 * against its own type's schema (custom types such as `hostname` are checked by the bundle's
 * generic rules only). Empty when valid.
 */
export function stixProblems(bundle: unknown): string[] {
  load();
  const problems: string[] = [];
  if (!validateBundleFn!(bundle)) problems.push(`bundle: ${JSON.stringify(validateBundleFn!.errors?.slice(0, 5))}`);
  const objects = (bundle as { objects?: Array<{ type: string; id: string }> }).objects ?? [];
  for (const object of objects) {
    const validate = byType.get(object.type);
    if (validate && !(validate as (data: unknown) => boolean)(object)) problems.push(`${object.id}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
  }
  return problems;
}

/** Jest assertion: the bundle passes the OASIS schemas. */
export function expectValidStix(bundle: unknown): void {
  expect(stixProblems(bundle)).toEqual([]);
}

import { stixUuidV5 } from './ids';
import type { StixBundle, StixObject } from './types';

/**
 * A bundle of the given objects, the first occurrence of each id kept, in order. The bundle id is
 * derived from the object ids, so the same objects always make the same bundle, byte for byte.
 */
export function buildBundle(objects: readonly StixObject[]): StixBundle {
  const seen = new Set<string>();
  const unique = objects.filter((o) => (seen.has(o.id) ? false : (seen.add(o.id), true)));
  const id = `bundle--${stixUuidV5(unique.map((o) => o.id).join('\n'))}`;
  return { type: 'bundle', id, spec_version: '2.1', objects: unique };
}

/** Counts objects by STIX type, e.g. `{ vulnerability: 2, 'domain-name': 1 }`. */
export function countByType(objects: readonly StixObject[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of objects) counts[o.type] = (counts[o.type] ?? 0) + 1;
  return counts;
}

import type { StixBundle, StixObject } from '../stix/types';

function refsOf(value: unknown, key = ''): string[] {
  if (Array.isArray(value))
    return key.endsWith('_refs') ? value.filter((v): v is string => typeof v === 'string') : value.flatMap((v) => refsOf(v));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (k.endsWith('_ref') && typeof v === 'string' ? [v] : refsOf(v, k)));
  return [];
}

/**
 * Splits a bundle into one-object bundles ordered by dependency depth (markings and identities
 * before what references them), as pycti does before publishing to the worker exchange.
 */
export function splitBundle(bundle: StixBundle): StixBundle[] {
  const byId = new Map(bundle.objects.map((o) => [o.id, o]));
  const depth = new Map<string, number>();
  const depsOf = (object: StixObject, chain: Set<string>): number => {
    const known = depth.get(object.id);
    if (known !== undefined) return known;
    const next = new Set(chain).add(object.id);
    const refs = [...new Set(refsOf(object))].filter((r) => r !== object.id && byId.has(r) && !chain.has(r));
    const value = 1 + refs.reduce((sum, ref) => sum + depsOf(byId.get(ref)!, next), 0);
    depth.set(object.id, value);
    return value;
  };
  return bundle.objects
    .map((object, index) => ({ object, index, seq: depsOf(object, new Set()) }))
    .sort((a, b) => a.seq - b.seq || a.index - b.index)
    .map(
      ({ object, seq }) => ({ type: 'bundle', id: bundle.id, spec_version: '2.1', x_opencti_seq: seq, objects: [object] }) as StixBundle,
    );
}

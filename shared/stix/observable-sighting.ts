import { sightingId } from './ids';
import { sighting, type SightingFields } from './relationships';
import type { CommonProperties, StixObject } from './types';

/**
 * The placeholder pycti connectors put in `sighting_of_ref`: STIX only allows sightings of domain
 * objects, so OpenCTI's worker reads the real target from `x_opencti_sighting_of_ref` instead.
 */
export const PLACEHOLDER_SIGHTING_OF_REF = 'indicator--c1034564-a9fb-429b-a1c1-c80116cc8e1e';

/**
 * A sighting of an observable, as OpenCTI takes it: the placeholder in `sighting_of_ref`, the
 * observable in `x_opencti_sighting_of_ref`, and an id computed from the observable (as the Python
 * connectors do), so sightings of different observables at the same place never share an id.
 */
export function observableSighting(
  f: Omit<SightingFields, 'sightingOfRef' | 'observableRef'> & { observableRef: string },
  now: string,
  p: CommonProperties = {},
): StixObject {
  return {
    ...sighting({ ...f, sightingOfRef: PLACEHOLDER_SIGHTING_OF_REF }, now, p),
    id: sightingId(f.observableRef, f.whereSightedRefs, f.firstSeen, f.lastSeen),
  };
}

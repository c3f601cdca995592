import { compact } from './compact';
import { domainExtras, timestamps } from './common-properties';
import { relationshipId, sightingId } from './ids';
import type { CommonProperties, StixObject } from './types';

export function relationship(
  relationshipType: string,
  sourceRef: string,
  targetRef: string,
  now: string,
  p: CommonProperties & { startTime?: string; stopTime?: string } = {},
): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: relationshipId(relationshipType, sourceRef, targetRef, p.startTime, p.stopTime),
    ...timestamps(now),
    relationship_type: relationshipType,
    source_ref: sourceRef,
    target_ref: targetRef,
    ...compact({ start_time: p.startTime, stop_time: p.startTime ? p.stopTime : undefined }),
    ...domainExtras(p),
  };
}

export interface SightingFields {
  sightingOfRef: string;
  whereSightedRefs: string[];
  count?: number;
  firstSeen?: string;
  lastSeen?: string;
  /** OpenCTI's observable sighting: the observable the sighting is about (`x_opencti_sighting_of_ref`). */
  observableRef?: string;
  negative?: boolean;
}

export function sighting(f: SightingFields, now: string, p: CommonProperties = {}): StixObject {
  return {
    type: 'sighting',
    spec_version: '2.1',
    id: sightingId(f.sightingOfRef, f.whereSightedRefs, f.firstSeen, f.lastSeen),
    ...timestamps(now),
    sighting_of_ref: f.sightingOfRef,
    where_sighted_refs: f.whereSightedRefs,
    ...compact({
      count: f.count,
      first_seen: f.firstSeen,
      last_seen: f.lastSeen,
      x_opencti_sighting_of_ref: f.observableRef,
      x_opencti_negative: f.negative,
    }),
    ...domainExtras(p),
  };
}

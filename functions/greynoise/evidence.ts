import {
  indicator,
  observableSighting,
  relationship,
  sighting,
  sightingId,
  type ExternalReference,
  type MappingContext,
  type StixObject,
} from '../../shared/service-kit';
import type { SeenWindow } from './context-objects';

/** What the indicator and the sightings say. */
export interface Evidence {
  score: number;
  labels: string[];
  description: string;
  reference: ExternalReference;
  /** GreyNoise saw the address (count 1, detection) or has not (count 0, no detection). */
  seen: boolean;
  window: SeenWindow;
  /** `GREYNOISE_NO_SIGHTINGS`. */
  sightings: boolean;
}

/**
 * The Python connector's indicator of the address (`based-on` it) and its two sightings "by"
 * GreyNoise (where sighted: the author), one of the address and one of the indicator, both
 * marked negative as GreyNoise's are: internet background noise, not an attack on the reader.
 * Unlike the Python connector, the indicator's id comes from its pattern, as the platform computes it.
 */
export function evidenceObjects(e: Evidence, ctx: MappingContext<unknown>): StixObject[] {
  const ip = String(ctx.entity.value);
  const by = { createdBy: ctx.authorId };
  const pattern = `[ipv4-addr:value = '${ip}']`;
  const found = indicator({ pattern, name: ip, validFrom: e.window.firstSeen, mainObservableType: 'IPv4-Addr' }, ctx.now, {
    ...by,
    score: e.score,
    labels: e.seen ? e.labels : undefined,
    description: e.description,
    externalReferences: [e.reference],
  });
  const objects: StixObject[] = [{ ...found, x_opencti_detection: e.seen }, relationship('based-on', found.id, ctx.entity.id, ctx.now, by)];
  if (!e.sightings) return objects;
  const about = {
    whereSightedRefs: [ctx.authorId],
    count: e.seen ? 1 : 0,
    firstSeen: e.window.firstSeen,
    lastSeen: e.window.lastSeen,
    negative: true,
  };
  const p = { ...by, externalReferences: [e.reference] };
  const ofAddress = observableSighting({ ...about, observableRef: ctx.entity.id }, ctx.now, p);
  const ofIndicator = sighting({ ...about, sightingOfRef: found.id }, ctx.now, p);
  if (e.seen) return [...objects, ofAddress, ofIndicator];
  // "Not seen" is dated by the clock: one sighting each, whose dates the next run moves.
  return [
    ...objects,
    { ...ofAddress, id: sightingId(ctx.entity.id, [ctx.authorId]) },
    { ...ofIndicator, id: sightingId(found.id, [ctx.authorId]) },
  ];
}

import {
  countryLocation,
  observableSighting,
  relationship,
  sightingId,
  type ExternalReference,
  type MappingContext,
  type StixObject,
} from '../../shared/service-kit';
import type { CrowdsecOptions } from './options';
import { confidenceOf } from './reputation';
import type { CrowdsecAnswer } from './schema';

/** Target countries with a share of at least 1 %, largest first, by ISO alpha-2 code. */
export function targetedCountries(answer: CrowdsecAnswer): Array<[code: string, percent: number]> {
  return Object.entries(answer.target_countries)
    .map(([code, percent]) => [code.trim().toUpperCase(), Math.round(percent)] as [string, number])
    .filter(([, percent]) => percent > 0)
    .sort(([a, pa], [b, pb]) => pb - pa || a.localeCompare(b));
}

/**
 * The countries the address's attacks targeted, as the Python connector models them: each Country,
 * a Sighting of the address there whose count is the share of attacks in percent (under
 * `CROWDSEC_CREATE_TARGETED_COUNTRIES_SIGHTINGS`), and each Attack-Pattern `targets` it. Countries
 * are made only when something links to them; a code the platform does not know gives nothing.
 */
export function crowdsecTargets(answer: CrowdsecAnswer, ctx: MappingContext<CrowdsecOptions>, attackPatternIds: string[]): StixObject[] {
  const sightings = ctx.options.createTargetedCountriesSightings;
  if (!sightings && attackPatternIds.length === 0) return [];
  const by = { createdBy: ctx.authorId };
  return targetedCountries(answer).flatMap(([code, percent]) => {
    // Countries are shared reference data: no author, or each connector would claim them in turn.
    const country = countryLocation(code, ctx.now);
    if (!country) return [];
    const objects: StixObject[] = [country];
    if (sightings) {
      const sighting = observableSighting({ observableRef: ctx.entity.id, whereSightedRefs: [country.id], count: percent }, ctx.now, {
        ...by,
        description: `${percent}% of the attacks CrowdSec saw from ${String(ctx.entity.value)} targeted ${String(country.name)}`,
      });
      objects.push({ ...sighting, ...confidenceOf(answer.confidence) });
    }
    objects.push(...attackPatternIds.map((id) => relationship('targets', id, country.id, ctx.now, by)));
    return objects;
  });
}

/**
 * The Python connector's Sighting of the address by CrowdSec (its author identity), first and last
 * reported as CrowdSec says, under `CROWDSEC_CREATE_SIGHTING`. Its id leaves the dates out, so a
 * later enrichment moves the dates of this sighting instead of adding another one.
 */
export function crowdsecSighting(
  answer: CrowdsecAnswer,
  ctx: MappingContext<CrowdsecOptions>,
  references: ExternalReference[],
): StixObject[] {
  if (!ctx.options.createSighting) return [];
  const sighting = observableSighting(
    {
      observableRef: ctx.entity.id,
      whereSightedRefs: [ctx.authorId],
      count: 1,
      firstSeen: answer.history?.first_seen,
      lastSeen: answer.history?.last_seen,
    },
    ctx.now,
    { createdBy: ctx.authorId, description: `CrowdSec CTI sighting of ${String(ctx.entity.value)}`, externalReferences: references },
  );
  return [{ ...sighting, id: sightingId(ctx.entity.id, [ctx.authorId]), ...confidenceOf(answer.confidence) }];
}

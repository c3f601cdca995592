import { updateEntity, type ExternalReference, type MappingContext, type StixObject } from '../../shared/service-kit';
import { scannerContext, type SeenWindow } from './context-objects';
import { evidenceObjects } from './evidence';
import type { GreyNoiseFinding, GreyNoiseResult } from './finding';
import { labelsOf, scoreOf } from './labels';
import type { GreyNoiseOptions } from './options';

const HOURS_23 = 23 * 3_600_000;
const NOT_OBSERVED = 'greynoise: not observed';

const referenceOf = (ip: string, description: string): ExternalReference => ({
  source_name: 'GreyNoise',
  url: `https://viz.greynoise.io/ip/${ip}`,
  external_id: ip,
  description,
});

/** First and last sighting; without a first one, the Python connector's day-long window from the last. */
function windowOf(finding: GreyNoiseFinding, now: string): SeenWindow {
  const last = finding.lastSeen ?? now;
  if (finding.firstSeen) return { firstSeen: finding.firstSeen, lastSeen: last < finding.firstSeen ? finding.firstSeen : last };
  return { firstSeen: last, lastSeen: new Date(Date.parse(last) + HOURS_23).toISOString().replace('.000Z', 'Z') };
}

function observed(finding: GreyNoiseFinding, ctx: MappingContext<GreyNoiseOptions>): StixObject[] {
  const score = scoreOf(finding, ctx.options);
  const labels = labelsOf(finding);
  const window = windowOf(finding, ctx.now);
  const reference = referenceOf(
    finding.ip,
    finding.scanner
      ? 'GreyNoise has seen this address scanning the internet.'
      : 'This address belongs to a business service GreyNoise knows (RIOT).',
  );
  const description = finding.scanner
    ? `Internet scanning address seen by GreyNoise, classified ${finding.scanner.classification}.`
    : `Address of a business service known to GreyNoise${finding.business?.name ? `: ${finding.business.name}` : ''}.`;
  return [
    updateEntity(ctx.entity, { score, labels, externalReferences: [reference] }),
    ...evidenceObjects({ score, labels, description, reference, seen: true, window, sightings: !ctx.options.noSightings }, ctx),
    ...(finding.scanner ? scannerContext(finding.scanner, window, score, ctx) : []),
  ];
}

/** `GREYNOISE_SIGHTING_NOT_SEEN`: score 0, the "not observed" label, an indicator without detection, count-0 sightings. */
function notObserved(ip: string, ctx: MappingContext<GreyNoiseOptions>): StixObject[] {
  const reference = referenceOf(ip, 'GreyNoise has not seen this address scanning the internet, and knows no business service at it.');
  const window = { firstSeen: ctx.now, lastSeen: ctx.now };
  const description = 'Address not seen by GreyNoise scanning the internet, nor in its business services.';
  return [
    updateEntity(ctx.entity, { score: 0, labels: [NOT_OBSERVED], externalReferences: [reference] }),
    ...evidenceObjects({ score: 0, labels: [], description, reference, seen: false, window, sightings: !ctx.options.noSightings }, ctx),
  ];
}

/**
 * The Python connector's mapping (see {@link labelsOf}, {@link scoreOf}, {@link evidenceObjects},
 * {@link scannerContext}): the classification's score and the labels on the address and on its
 * indicator, the sightings, and what the scanner data says around the address.
 */
export function greyNoiseToStix(result: GreyNoiseResult, ctx: MappingContext<GreyNoiseOptions>): StixObject[] {
  return result.kind === 'observed' ? observed(result.finding, ctx) : notObserved(result.ip, ctx);
}

import {
  autonomousSystem,
  countryLocation,
  relationship,
  undatedNote,
  updateEntity,
  type ExternalReference,
  type MappingContext,
  type StixObject,
} from '../../shared/service-kit';
import { crowdsecIndicator } from './indicator';
import { crowdsecLabels } from './labels';
import { crowdsecNoteContent } from './note';
import type { CrowdsecOptions } from './options';
import { reputationScore } from './reputation';
import type { CrowdsecAnswer } from './schema';
import { crowdsecAttackPatterns, crowdsecVulnerabilities, mitreReference } from './techniques';
import { crowdsecSighting, crowdsecTargets } from './targets';

/** Where the address's network and place are: its AS (`belongs-to`) and its Country (`located-at`). */
function networkAndPlace(answer: CrowdsecAnswer, ctx: MappingContext<CrowdsecOptions>): StixObject[] {
  const by = { createdBy: ctx.authorId };
  const objects: StixObject[] = [];
  if (answer.as_num) {
    const as = autonomousSystem(answer.as_num, { name: answer.as_name }, by);
    objects.push(as, relationship('belongs-to', ctx.entity.id, as.id, ctx.now, by));
  }
  const country = countryLocation(answer.location?.country, ctx.now);
  if (country) objects.push(country, relationship('located-at', ctx.entity.id, country.id, ctx.now, by));
  return objects;
}

/**
 * The Python connector's mapping, its settings kept where they still make sense: on the address a
 * score from the reputation, the labels it is set to write and a reference to its CrowdSec page;
 * its AS and Country; an Indicator for the chosen reputations; the MITRE techniques as
 * Attack-Patterns and the CVEs as Vulnerabilities; the targeted countries; a note; and a Sighting
 * of the address by CrowdSec. Every object appears once.
 */
export function crowdsecToStix(answer: CrowdsecAnswer, ctx: MappingContext<CrowdsecOptions>): StixObject[] {
  const ip = String(ctx.entity.value);
  const page: ExternalReference = {
    source_name: 'CrowdSec CTI',
    url: `https://app.crowdsec.net/cti/${ip}`,
    description: 'CrowdSec CTI page of this address',
  };
  const indicator = crowdsecIndicator(answer, ctx);
  const patterns = crowdsecAttackPatterns(answer, ctx, indicator[0]?.id);
  const patternIds = patterns.filter((o) => o.type === 'attack-pattern').map((o) => o.id);
  const objects = [
    updateEntity(ctx.entity, {
      score: reputationScore(answer.reputation),
      labels: crowdsecLabels(answer, ctx.options),
      externalReferences: [page],
    }),
    ...networkAndPlace(answer, ctx),
    ...indicator,
    ...patterns,
    ...crowdsecVulnerabilities(answer, ctx),
    ...crowdsecTargets(answer, ctx, patternIds),
    ...(ctx.options.createNote
      ? [
          undatedNote(
            { content: crowdsecNoteContent(ip, answer), objectRefs: [ctx.entity.id], abstract: `CrowdSec CTI enrichment of ${ip}` },
            ctx.now,
            { createdBy: ctx.authorId },
          ),
        ]
      : []),
    ...crowdsecSighting(answer, ctx, [page, ...answer.mitre_techniques.map(mitreReference)]),
  ];
  return objects.filter((o, i) => objects.findIndex((other) => other.id === o.id) === i);
}

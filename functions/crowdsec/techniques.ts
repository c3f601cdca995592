import {
  attackPattern,
  relationship,
  vulnerability,
  type ExternalReference,
  type MappingContext,
  type StixObject,
} from '../../shared/service-kit';
import type { CrowdsecOptions } from './options';
import type { CrowdsecAnswer, Described } from './schema';

/** The ATT&CK page of a technique (`T1595.001` is `/techniques/T1595/001`). */
export const mitreReference = (technique: Described): ExternalReference => ({
  source_name: 'mitre-attack',
  external_id: technique.name,
  url: `https://attack.mitre.org/techniques/${technique.name.replace('.', '/')}`,
});

/**
 * One Attack-Pattern per MITRE technique CrowdSec saw the address use, under
 * `CROWDSEC_ATTACK_PATTERN_CREATE_FROM_MITRE`: named as ATT&CK names it and identified by its
 * ATT&CK id, so it is the pattern the MITRE dataset already put in the platform (no author for the
 * same reason as countries). The Indicator `indicates` it, or the address is `related-to` it.
 */
export function crowdsecAttackPatterns(
  answer: CrowdsecAnswer,
  ctx: MappingContext<CrowdsecOptions>,
  indicatorId: string | undefined,
): StixObject[] {
  if (!ctx.options.attackPatternCreateFromMitre) return [];
  const by = { createdBy: ctx.authorId };
  return answer.mitre_techniques.flatMap((technique) => {
    const pattern = attackPattern(technique.label, ctx.now, {
      mitreId: technique.name,
      description: technique.description,
      externalReferences: [mitreReference(technique)],
    });
    const link = indicatorId
      ? relationship('indicates', indicatorId, pattern.id, ctx.now, by)
      : relationship('related-to', ctx.entity.id, pattern.id, ctx.now, by);
    return [pattern, link];
  });
}

/** One Vulnerability per CVE exploited from the address, which is `related-to` it, under `CROWDSEC_VULNERABILITY_CREATE_FROM_CVE`. */
export function crowdsecVulnerabilities(answer: CrowdsecAnswer, ctx: MappingContext<CrowdsecOptions>): StixObject[] {
  if (!ctx.options.vulnerabilityCreateFromCve) return [];
  const by = { createdBy: ctx.authorId };
  return [...new Set(answer.cves.map((cve) => cve.trim().toUpperCase()))].sort().flatMap((cve) => {
    const vuln = vulnerability(cve, ctx.now, by);
    return [vuln, relationship('related-to', ctx.entity.id, vuln.id, ctx.now, by)];
  });
}

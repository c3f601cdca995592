import { indicator, relationship, type ExternalReference, type MappingContext, type StixObject } from '../../shared/service-kit';
import type { CrowdsecOptions } from './options';
import { confidenceOf, reputationScore } from './reputation';
import type { CrowdsecAnswer } from './schema';

/** The blocklists the address is on, each by the first link CrowdSec gives for it. */
export function blocklistReferences(answer: CrowdsecAnswer): ExternalReference[] {
  return answer.references.flatMap((list) => {
    const url = list.references.find((r) => /^https?:\/\//i.test(r));
    return url ? [{ source_name: list.label, url, ...(list.description && { description: list.description }) }] : [];
  });
}

/**
 * The Python connector's Indicator, made only for the reputations listed in
 * `CROWDSEC_INDICATOR_CREATE_FROM`: a STIX pattern on the address, valid from the last report (so
 * the platform's decay starts there), typed malicious-activity when CrowdSec says malicious, with
 * the blocklists as references; it is `based-on` the address. Undefined when not wanted.
 */
export function crowdsecIndicator(answer: CrowdsecAnswer, ctx: MappingContext<CrowdsecOptions>): StixObject[] {
  const reputation = answer.reputation;
  if (!reputation || !(ctx.options.indicatorCreateFrom as string[]).includes(reputation)) return [];
  const ip = String(ctx.entity.value);
  const by = { createdBy: ctx.authorId };
  const made = {
    ...indicator(
      {
        pattern: `[${ctx.entity.type}:value = '${ip}']`,
        name: `CrowdSec CTI (${reputation} IP: ${ip})`,
        validFrom: answer.history?.last_seen ?? ctx.now,
        mainObservableType: ctx.entityType,
      },
      ctx.now,
      {
        ...by,
        description: `CrowdSec CTI detection for ${ip}`,
        score: reputationScore(reputation),
        externalReferences: blocklistReferences(answer),
      },
    ),
    ...confidenceOf(answer.confidence),
    ...(reputation === 'malicious' && { indicator_types: ['malicious-activity'] }),
  };
  return [made, relationship('based-on', made.id, ctx.entity.id, ctx.now, by)];
}

import { indicator, relationship, type ExternalReference, type MappingContext, type StixObject } from '../../shared/service-kit';
import type { IndicatorSettings, ObjectKind } from './options';
import type { VirusTotalReport } from './lookup';
import { yaraRuleSource } from './yara-rule';

const MINUTE_MS = 60_000;

/** A value inside a STIX pattern's quotes. */
const quoted = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function patternOf(kind: ObjectKind, entityType: string, value: string): string {
  if (kind === 'file') return `[file:hashes.'SHA-256' = ${quoted(value)}]`;
  if (kind === 'url') return `[url:value = ${quoted(value)}]`;
  if (kind === 'ip') return `[${entityType === 'IPv6-Addr' ? 'ipv6-addr' : 'ipv4-addr'}:value = ${quoted(value)}]`;
  // Hostnames too: STIX patterns have no hostname object.
  return `[domain-name:value = ${quoted(value)}]`;
}

/**
 * An Indicator `based-on` the entity once at least `threshold` engines found it malicious
 * (never with a threshold of 0), valid for `validMinutes` from now: minutes, where the Python
 * connector's `timedelta(minutes_value)` made them days.
 */
export function thresholdIndicator(
  report: VirusTotalReport,
  value: string,
  settings: IndicatorSettings,
  fields: { score?: number; reference: ExternalReference },
  ctx: MappingContext,
): StixObject[] {
  const malicious = report.object.attributes.last_analysis_stats.malicious;
  if (settings.threshold <= 0 || malicious < settings.threshold) return [];
  const created = indicator(
    {
      pattern: patternOf(report.kind, ctx.entityType, value),
      name: value,
      validFrom: ctx.now,
      validUntil: new Date(Date.parse(ctx.now) + settings.validMinutes * MINUTE_MS).toISOString(),
      mainObservableType: ctx.entityType,
      detection: settings.detect,
    },
    ctx.now,
    {
      createdBy: ctx.authorId,
      score: fields.score,
      description: `At least ${settings.threshold} VirusTotal engines found this malicious.`,
      externalReferences: [fields.reference],
    },
  );
  return [created, relationship('based-on', created.id, ctx.entity.id, ctx.now, { createdBy: ctx.authorId })];
}

/** The rule's metadata as VirusTotal gives it, as the indicator's description. */
function ruleDescription(match: VirusTotalReport['object']['attributes']['crowdsourced_yara_results'][number]): string {
  const lines = [
    match.description,
    `Ruleset: ${match.ruleset_name ?? match.ruleset_id} (${match.ruleset_id})`,
    match.author && `Author: ${match.author}`,
    match.source && `Source: ${match.source}`,
  ];
  return lines.filter(Boolean).join('\n');
}

/**
 * One YARA Indicator per crowdsourced rule the file matched whose source the ruleset holds, the
 * file `related-to` it. Valid from the file's creation date when VirusTotal knows it and it is
 * not in the future, else from now.
 */
export function yaraIndicators(report: VirusTotalReport, score: number | undefined, ctx: MappingContext): StixObject[] {
  const created = report.object.attributes.creation_date;
  const createdAt = created === undefined ? undefined : new Date(created * 1000).toISOString();
  const validFrom = createdAt !== undefined && createdAt < ctx.now ? createdAt : ctx.now;
  const objects = new Map<string, StixObject>();
  for (const match of report.object.attributes.crowdsourced_yara_results) {
    const rules = report.rulesets[match.ruleset_id];
    const source = rules === undefined ? undefined : yaraRuleSource(rules, match.rule_name);
    if (!source) continue;
    const yara = indicator(
      { pattern: source, patternType: 'yara', name: match.rule_name, validFrom, mainObservableType: 'StixFile' },
      ctx.now,
      { createdBy: ctx.authorId, score, description: ruleDescription(match) },
    );
    if (objects.has(yara.id)) continue;
    objects.set(yara.id, yara);
    const link = relationship('related-to', ctx.entity.id, yara.id, ctx.now, { createdBy: ctx.authorId });
    objects.set(link.id, link);
  }
  return [...objects.values()];
}

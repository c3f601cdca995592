import { attackPattern, domainName, file, ipAddr, relationship, type MappingContext, type StixObject } from '../../shared/service-kit';
import type { HybridAnalysisOptions } from './options';
import type { ExtractedFile, HybridAnalysisSummary } from './schema';

type Context = MappingContext<HybridAnalysisOptions>;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9_-]{1,63}\.)+[a-z0-9-]{1,63}$/i;

/** What the sample did in the sandbox, as objects the analysis refers to, and the links from the sample to them. */
export interface Observed {
  /** Contacted domains and addresses, dropped files: the Malware-Analysis's `analysis_sco_refs`. */
  observables: StixObject[];
  /** Attack-Patterns and every relationship. */
  others: StixObject[];
}

/** Each ATT&CK technique the sandbox saw malicious or suspicious signs of, which the sample `uses`. */
function techniques(summary: HybridAnalysisSummary, ctx: Context): StixObject[] {
  const seen = summary.mitre_attcks.filter((t) => t.malicious_identifiers_count > 0 || t.suspicious_identifiers_count > 0);
  const unique = [...new Map(seen.map((t) => [t.attck_id, t])).values()];
  return unique.flatMap((t) => {
    // Named and identified as ATT&CK does: the pattern the MITRE dataset loaded, not a copy (no author, as countries).
    const pattern = attackPattern(t.technique, ctx.now, {
      mitreId: t.attck_id,
      externalReferences: [
        {
          source_name: 'mitre-attack',
          external_id: t.attck_id,
          url: `https://attack.mitre.org/techniques/${t.attck_id.replace('.', '/')}`,
        },
      ],
    });
    return [pattern, relationship('uses', ctx.entity.id, pattern.id, ctx.now, { createdBy: ctx.authorId })];
  });
}

/** A dropped file with at least one hash, as a File labelled with its type tags. */
const droppedFile = (f: ExtractedFile, ctx: Context): StixObject | undefined => {
  const hashes = Object.fromEntries(Object.entries({ MD5: f.md5, 'SHA-1': f.sha1, 'SHA-256': f.sha256 }).filter(([, v]) => v));
  if (Object.keys(hashes).length === 0) return undefined;
  return file(
    { hashes: hashes as Record<string, string>, name: f.name, size: f.size ?? undefined },
    { createdBy: ctx.authorId, labels: f.type_tags },
  );
};

/**
 * The sandbox's observations: domains and addresses the sample `communicates-with`, files it
 * dropped that Hybrid Analysis rates as a threat (a StixFile `drops` them; OpenCTI allows an
 * Artifact no `drops`, so an Artifact is `related-to` them), and the ATT&CK techniques it `uses`.
 */
export function observed(summary: HybridAnalysisSummary, ctx: Context): Observed {
  const by = { createdBy: ctx.authorId };
  const ownValue = typeof ctx.entity.value === 'string' ? ctx.entity.value.toLowerCase() : undefined;
  const domains = [...new Set(summary.domains.map((d) => d.trim().toLowerCase()))]
    .filter((d) => DOMAIN.test(d) && d !== ownValue)
    .map((d) => domainName(d, by));
  const hosts = [...new Set(summary.hosts)].map((h) => ipAddr(h, by));
  const dropped = summary.extracted_files.filter((f) => f.threat_level > 0).flatMap((f) => droppedFile(f, ctx) ?? []);
  const dropsType = ctx.entityType === 'StixFile' ? 'drops' : 'related-to';
  return {
    observables: [...domains, ...hosts, ...dropped],
    others: [
      ...[...domains, ...hosts].map((o) => relationship('communicates-with', ctx.entity.id, o.id, ctx.now, by)),
      ...dropped.map((o) => relationship(dropsType, ctx.entity.id, o.id, ctx.now, by)),
      ...techniques(summary, ctx),
    ],
  };
}

import { updateEntity, type ExternalReference, type MappingContext, type StixObject } from '../../shared/service-kit';
import type { HybridAnalysisOptions } from './options';
import type { HybridAnalysisSummary } from './schema';
import { scoreOf } from './verdict';

const names = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** `SHA-256`, `sha256` and `SHA_256` are one algorithm. */
const algorithm = (key: string): string => key.toUpperCase().replace(/[-_\s]/g, '');

/** The entity's hashes with the report's MD5, SHA-1 and SHA-256 in place of its own spellings of them. */
function mergedHashes(entityHashes: unknown, summary: HybridAnalysisSummary): Record<string, string> {
  const fromReport = Object.entries({ MD5: summary.md5, 'SHA-1': summary.sha1, 'SHA-256': summary.sha256 }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  const replaced = new Set(fromReport.map(([name]) => algorithm(name)));
  const own = Object.entries((entityHashes as Record<string, string> | undefined) ?? {}).filter(([name]) => !replaced.has(algorithm(name)));
  return Object.fromEntries([...own, ...fromReport]);
}

/**
 * The enriched file or artifact: its score, file-type labels, a reference to its Hybrid Analysis
 * page, the hashes Hybrid Analysis knows added to its own, the name it was submitted under as an
 * additional name (unless it is the file's name), and a StixFile's size.
 */
export function enrichedEntity(
  summary: HybridAnalysisSummary,
  ctx: MappingContext<HybridAnalysisOptions>,
  page: ExternalReference,
): StixObject {
  const existing = names(ctx.entity.x_opencti_additional_names);
  const submitted = summary.submit_name && summary.submit_name !== ctx.entity.name ? [summary.submit_name] : [];
  const additionalNames = [...new Set([...existing, ...submitted])];
  return updateEntity(ctx.entity, {
    score: scoreOf(summary.threat_score, summary.verdict),
    labels: summary.type_short,
    externalReferences: [page],
    properties: {
      hashes: mergedHashes(ctx.entity.hashes, summary),
      ...(ctx.entityType === 'StixFile' && summary.size !== undefined && summary.size !== null && { size: summary.size }),
      ...(additionalNames.length > 0 && { x_opencti_additional_names: additionalNames }),
    },
  });
}

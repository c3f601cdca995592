import { undatedNote, updateEntity, type ExternalReference, type MappingContext, type StixObject } from '../../shared/service-kit';
import { updateFile } from './file-update';
import { thresholdIndicator, yaraIndicators } from './indicators';
import type { VirusTotalReport } from './lookup';
import { categoriesNoteContent, resultsNoteContent } from './notes';
import { indicatorSettings, type ObjectKind, type VirusTotalOptions } from './options';
import { domainResolutions, ipRelations } from './relations';
import { virusTotalScore } from './score';

const GUI_PATHS: Record<ObjectKind, string> = { ip: 'ip-address', domain: 'domain', url: 'url', file: 'file' };

/** The object's page on VirusTotal's web interface, where a user reads the whole report. */
function guiReference(report: VirusTotalReport): ExternalReference {
  return {
    source_name: 'VirusTotal',
    url: `https://www.virustotal.com/gui/${GUI_PATHS[report.kind]}/${report.object.id}`,
    description: report.object.attributes.magic ?? 'VirusTotal Report',
  };
}

/** The value the observable is known by: its own, or a file's SHA-256. */
const subjectOf = (report: VirusTotalReport): string =>
  report.kind === 'file' ? (report.object.attributes.sha256 ?? report.object.id) : report.value;

/**
 * The Python connector's mapping: the score, the report's page and the tags as labels on the
 * entity (and, for a file, its hashes, size and names); per kind the AS and Country of an address
 * or the addresses a domain resolves to (when enabled), the YARA rules a file matched; an
 * Indicator once enough engines flag it; the analysis results and the categories as notes.
 */
export function virusTotalToStix(report: VirusTotalReport, ctx: MappingContext<VirusTotalOptions>): StixObject[] {
  const attributes = report.object.attributes;
  const score = virusTotalScore(attributes);
  const reference = guiReference(report);
  const subject = subjectOf(report);
  const by = { createdBy: ctx.authorId };
  const labels = attributes.tags.length ? attributes.tags : undefined;
  const updated = updateEntity(ctx.entity, { score, labels, externalReferences: [reference] });
  const objects: StixObject[] = [report.kind === 'file' ? updateFile(updated, ctx.entityType, attributes) : updated];

  if (report.kind === 'ip' && ctx.options.ipAddRelationships) objects.push(...ipRelations(attributes, ctx));
  if (report.kind === 'domain' && ctx.options.domainAddRelationships) objects.push(...domainResolutions(attributes, ctx));
  if (report.kind === 'file' && ctx.options.fileImportYara) objects.push(...yaraIndicators(report, score, ctx));
  objects.push(...thresholdIndicator(report, subject, indicatorSettings(ctx.options, report.kind), { score, reference }, ctx));

  if (report.kind !== 'file' || ctx.options.fileCreateNoteFullReport) {
    const content = resultsNoteContent(subject, attributes);
    objects.push(undatedNote({ content, objectRefs: [ctx.entity.id], abstract: `VirusTotal results for ${subject}` }, ctx.now, by));
  }
  const categories = categoriesNoteContent(subject, attributes);
  if (categories)
    objects.push(
      undatedNote({ content: categories, objectRefs: [ctx.entity.id], abstract: `VirusTotal categories for ${subject}` }, ctx.now, by),
    );
  return objects;
}

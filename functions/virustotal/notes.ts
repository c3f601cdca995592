import type { VirusTotalAttributes } from './schema';

/** A table cell: one line, no column break. */
const cell = (value: unknown): string =>
  value === undefined || value === null || value === '' ? 'N/A' : String(value).replace(/\s+/g, ' ').replace(/\|/g, '\\|');

const row = (cells: unknown[]): string => `| ${cells.map(cell).join(' | ')} |`;

const table = (header: string[], rows: unknown[][]): string =>
  [row(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(row)].join('\n');

/** Engines that flagged the object first, then by name. */
const CATEGORY_ORDER: Record<string, number> = { malicious: 0, suspicious: 1 };

/**
 * The analysis as a note: the verdict counts (suspicious included) and each engine's result. Written
 * whatever the counts, 0 detections included (the Python connector wrote none then,
 * OpenCTI-Platform/connectors#5742). Names the subject, since the note's id comes from its content.
 */
export function resultsNoteContent(subject: string, attributes: VirusTotalAttributes): string {
  const stats = attributes.last_analysis_stats;
  const engines = Object.entries(attributes.last_analysis_results)
    .map(([key, r]) => ({ ...r, engine_name: r.engine_name ?? key }))
    .sort(
      (a, b) =>
        (CATEGORY_ORDER[a.category ?? ''] ?? 2) - (CATEGORY_ORDER[b.category ?? ''] ?? 2) || a.engine_name.localeCompare(b.engine_name),
    );
  return [
    `VirusTotal analysis of ${subject}: ${stats.malicious} malicious and ${stats.suspicious} suspicious verdicts from ${engines.length} engines.`,
    '',
    table(
      ['Malicious', 'Suspicious', 'Undetected', 'Harmless', 'Timeout', 'Confirmed timeout', 'Failure', 'Unsupported'],
      [
        [
          stats.malicious,
          stats.suspicious,
          stats.undetected,
          stats.harmless,
          stats.timeout,
          stats['confirmed-timeout'],
          stats.failure,
          stats['type-unsupported'],
        ],
      ],
    ),
    '',
    table(
      ['Engine', 'Version', 'Method', 'Category', 'Result'],
      engines.map((r) => [r.engine_name, r.engine_version, r.method, r.category, r.result]),
    ),
  ].join('\n');
}

/** How the web-filtering vendors classify the object (domains and URLs), or undefined when none does. */
export function categoriesNoteContent(subject: string, attributes: VirusTotalAttributes): string | undefined {
  const categories = Object.entries(attributes.categories).sort(([a], [b]) => a.localeCompare(b));
  if (categories.length === 0) return undefined;
  return [`Categories of ${subject} on VirusTotal.`, '', table(['Vendor', 'Category'], categories)].join('\n');
}

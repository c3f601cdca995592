import { FACET_TITLES, FACETS } from './facets';
import type { ShodanResult } from './result';
import type { ShodanHost } from './schema';

const RULE = '------------------';

/**
 * The Python connector's results text (ISP, OS, each service's banner, Heartbleed), with the
 * address first (the note id comes from the content) and the ports listed; services in port order
 * so the same answer gives the same note.
 */
export function hostNoteContent(host: ShodanHost): string {
  const banners = [...host.data].sort((a, b) => a.port - b.port || (a.transport ?? '').localeCompare(b.transport ?? ''));
  const ports = [...new Set([...host.ports, ...host.data.map((b) => b.port)])].sort((a, b) => a - b);
  const services = banners.map((b) =>
    [
      `**${b.port}${b.transport ? `/${b.transport}` : ''}**`,
      '```',
      (b.data ?? '').trim() || '(no banner text)',
      '```',
      ...(b.opts?.heartbleed ? [`Heartbleed: ${b.opts.heartbleed.trim()}`] : []),
      RULE,
    ].join('\n'),
  );
  return [
    `Shodan results for ${host.ip_str}`,
    '',
    `**ISP:** ${host.isp ?? '-'}`,
    `**Organization:** ${host.org ?? '-'}`,
    `**OS:** ${host.os ?? '-'}`,
    `**Ports:** ${ports.join(', ') || '-'}`,
    '',
    RULE,
    'Services:',
    '',
    ...services,
    '',
  ].join('\n');
}

const table = (rows: Array<[string | number, number]>): string =>
  ['| Value | Count |', '|------|-------|', ...rows.map(([value, count]) => `| ${String(value).replace(/\|/g, '\\|')} | ${count} |`)].join(
    '\n',
  );

/** The Python connector's summary of a query: its total, and a table per facet. */
export function summaryNoteContent(result: Extract<ShodanResult, { kind: 'query' }>): string {
  const sections = FACETS.filter((facet) => result.facets[facet]?.length).map(
    (facet) => `### ${FACET_TITLES[facet]}\n\n${table(result.facets[facet]!.map((term) => [term.value, term.count]))}`,
  );
  const global = `### Global\n\n${table([['Total Results', result.total]])}`;
  return `${[`Shodan query: \`${result.query}\``, global, ...sections].join('\n\n')}\n`;
}

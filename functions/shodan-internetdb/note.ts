import type { InternetDbHost } from './schema';

const list = (items: ReadonlyArray<string | number>): string => items.map((item) => `\n- ${item}`).join('') || 'n/a';

/**
 * The Python connector's note text, with the address in its first line (the note id comes from
 * the content, so two addresses with the same answer must not write the same text) and the lists
 * sorted (the same answer in another order must give the same note).
 */
export function internetDbNoteContent(ip: string, host: InternetDbHost): string {
  const sorted = (items: readonly string[]) => [...new Set(items)].sort();
  const rule = '------------------';
  return [
    '```',
    `Shodan InternetDB: ${ip}`,
    rule,
    `Hostnames: ${list(sorted(host.hostnames))}`,
    rule,
    `Software: ${list(sorted(host.cpes))}`,
    rule,
    `Vulnerabilities: ${list(sorted(host.vulns))}`,
    rule,
    `Ports: ${list([...new Set(host.ports)].sort((a, b) => a - b))}`,
    rule,
    '```',
    '',
  ].join('\n');
}

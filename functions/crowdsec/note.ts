import { findCountry } from '../../shared/service-kit';
import type { CrowdsecAnswer } from './schema';
import { targetedCountries } from './targets';

const countryName = (code: string): string => findCountry(code)?.name ?? code;

/**
 * The Python connector's note, in Markdown: reputation and confidence, first and last report,
 * origin, behaviours and the most targeted countries. It names the address, so two addresses with
 * the same answer never share a note.
 */
export function crowdsecNoteContent(ip: string, answer: CrowdsecAnswer): string {
  const lines = [
    `CrowdSec CTI on ${ip}`,
    '',
    `**Reputation**: ${answer.reputation ?? 'unknown'}${answer.confidence ? ` (confidence: ${answer.confidence})` : ''}`,
  ];
  if (answer.history?.first_seen) lines.push(`**First seen**: ${answer.history.first_seen}`);
  if (answer.history?.last_seen) lines.push(`**Last seen**: ${answer.history.last_seen}`);
  const { country, city } = answer.location ?? {};
  if (country) lines.push(`**Origin**: ${countryName(country)}${city ? ` (${city})` : ''}`);
  if (answer.behaviors.length > 0) {
    lines.push('', '**Behaviours**:', '');
    lines.push(...answer.behaviors.map((b) => `- ${b.label}${b.description ? `: ${b.description}` : ''}`));
  }
  const targets = targetedCountries(answer);
  if (targets.length > 0) {
    lines.push('', '**Most targeted countries**:', '');
    lines.push(...targets.map(([code, percent]) => `- ${countryName(code)}: ${percent}%`));
  }
  return lines.join('\n');
}

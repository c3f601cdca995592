import type { GreyNoiseFinding } from './finding';
import type { GreyNoiseOptions } from './options';

const TRUST_LEVELS: Record<string, string> = { '1': 'reasonably ignore', '2': 'commonly seen', '3': 'context only' };

/**
 * The Python connector's score: the scanner classification's configured score; for a business
 * service alone, its trust level (`2` and `3` as suspicious, as the connector reads them).
 */
export function scoreOf(finding: GreyNoiseFinding, options: GreyNoiseOptions): number {
  const reading = finding.scanner?.classification ?? (['2', '3'].includes(finding.business?.trustLevel ?? '') ? 'suspicious' : 'benign');
  if (reading === 'malicious') return options.indicatorScoreMalicious;
  if (reading === 'suspicious') return options.indicatorScoreSuspicious;
  return options.indicatorScoreBenign;
}

/**
 * The Python connector's labels, without the trailing space it left in two of them: the
 * classification (and a benign actor), the business service's trust level and name, bot / Tor /
 * VPN activity, and one per scanner tag.
 */
export function labelsOf(finding: GreyNoiseFinding): string[] {
  const { scanner, business } = finding;
  const labels: string[] = [];
  if (scanner) {
    labels.push(`gn-classification: ${scanner.classification}`);
    if (scanner.classification === 'benign' && scanner.actor) labels.push(`gn-benign-actor: ${scanner.actor}`);
    if (scanner.bot) labels.push('Known BOT Activity');
    if (scanner.tor) labels.push('Known TOR Exit Node');
    if (scanner.vpn) labels.push('Known VPN');
    labels.push(...scanner.tags.map((tag) => tag.name.trim()).filter(Boolean));
  }
  const trust = TRUST_LEVELS[business?.trustLevel ?? ''];
  if (trust) labels.push(`gn-trust-level: ${trust}`);
  if (business?.name) labels.push(`gn-provider: ${business.name}`);
  return [...new Set(labels)].sort();
}

import type { CrowdsecOptions } from './options';
import type { CrowdsecAnswer } from './schema';

const CVE = /cve-\d{4}-\d{4,}/i;

/**
 * The labels the Python connector puts on the address, each kind under its setting: scenario names
 * (CVE scenarios left out, their CVE is labelled on its own), scenario labels, CVE ids, MITRE
 * technique ids, behaviour names, and the reputation itself (never `unknown`).
 */
export function crowdsecLabels(answer: CrowdsecAnswer, options: CrowdsecOptions): string[] {
  const labels: string[] = [];
  if (options.labelsScenarioName) labels.push(...answer.attack_details.filter((s) => !CVE.test(s.name)).map((s) => s.name));
  if (options.labelsScenarioLabel) labels.push(...answer.attack_details.map((s) => s.label));
  if (options.labelsCve) labels.push(...answer.cves.map((cve) => cve.toUpperCase()));
  if (options.labelsMitre) labels.push(...answer.mitre_techniques.map((t) => t.name));
  if (options.labelsBehavior) labels.push(...answer.behaviors.map((b) => b.name));
  if (options.labelsReputation && answer.reputation && answer.reputation !== 'unknown') labels.push(answer.reputation);
  return labels;
}

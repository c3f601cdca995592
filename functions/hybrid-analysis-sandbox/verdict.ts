/**
 * The score when Hybrid Analysis gives no `threat_score` (the Python connector then wrote none):
 * from its verdict, malicious and suspicious as it says, whitelisted 0. Other verdicts (`no
 * specific threat`, `no verdict`) give none, so the entity keeps the score it has.
 */
const VERDICT_SCORES: Record<string, number> = { malicious: 80, suspicious: 50, whitelisted: 0 };

export const scoreOf = (threatScore: number | null | undefined, verdict: string | undefined): number | undefined =>
  threatScore ?? (verdict === undefined ? undefined : VERDICT_SCORES[verdict]);

/** The verdict in STIX's malware-result vocabulary (the Python connector sent Hybrid Analysis's words, which STIX does not know). */
export function stixResult(verdict: string | undefined): 'malicious' | 'suspicious' | 'benign' | 'unknown' {
  if (verdict === 'malicious' || verdict === 'suspicious') return verdict;
  return verdict === 'whitelisted' ? 'benign' : 'unknown';
}

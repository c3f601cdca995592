/**
 * The score CrowdSec's reputation gives the address (CrowdSec scores nothing itself, nor did the
 * Python connector): malicious and suspicious as CrowdSec defines them, `known` (reported, not
 * yet judged) low, `safe`/`benign` (public resolvers, known scanners) zero. `unknown` and any other
 * value give no score, so the entity keeps the one it has.
 */
const SCORES: Record<string, number> = { malicious: 80, suspicious: 50, known: 20, safe: 0, benign: 0 };

export const reputationScore = (reputation: string | undefined): number | undefined =>
  reputation === undefined ? undefined : SCORES[reputation];

/** The Python connector's confidence for CrowdSec's `confidence` (high, medium, low), on objects that carry one. */
const CONFIDENCE: Record<string, number> = { high: 90, medium: 60, low: 30 };

/** `{ confidence }` to spread into an object, or nothing when CrowdSec gave none (the Python connector wrote 0). */
export const confidenceOf = (confidence: string | undefined): { confidence?: number } => {
  const value = confidence === undefined ? undefined : CONFIDENCE[confidence];
  return value === undefined ? {} : { confidence: value };
};

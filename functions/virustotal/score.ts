import type { VirusTotalAttributes } from './schema';

/** Rounds halves to even, as Python's `round` does, so scores equal the Python connector's. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (Math.abs(fraction - 0.5) > 1e-9) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Google Threat Intelligence's threat score when the answer has one; else the share of engines
 * that found the object malicious among those that gave a verdict (malicious, harmless, undetected;
 * suspicious ones are left out), in percent, as the Python connector computes it. Undefined when
 * no engine gave a verdict yet (the connector fails there).
 */
export function virusTotalScore(attributes: VirusTotalAttributes): number | undefined {
  const gti = attributes.gti_assessment?.threat_score?.value;
  if (gti !== undefined) return Math.round(gti);
  const { malicious, harmless, undetected } = attributes.last_analysis_stats;
  const total = malicious + harmless + undetected;
  return total > 0 ? roundHalfEven((malicious / total) * 100) : undefined;
}

import { OPENCTI_EXTENSION_ID, updateEntity, type MappingContext, type StixObject } from '../../shared/service-kit';
import type { EpssScore } from './schema';

/**
 * The score and percentile written onto the vulnerability itself, as the properties OpenCTI stores
 * them in (`x_opencti_epss_score`, `x_opencti_epss_percentile`, fractions from 0 to 1). Updating the
 * entity rather than sending a new Vulnerability, as the Python connector did, keeps its author and
 * markings, and keeps the score on it even if its id was not computed from its name.
 */
export function epssToStix(score: EpssScore, ctx: MappingContext): StixObject[] {
  const updated = updateEntity(ctx.entity, {
    properties: { x_opencti_epss_score: score.epss, x_opencti_epss_percentile: score.percentile },
  });
  // The platform exports the previous values in its extension; the worker prefers the top-level
  // properties, but a copy that says two things would mislead later playbook steps.
  const octi = (updated.extensions as Record<string, Record<string, unknown>> | undefined)?.[OPENCTI_EXTENSION_ID];
  if (octi && ('epss_score' in octi || 'epss_percentile' in octi))
    Object.assign(octi, { epss_score: score.epss, epss_percentile: score.percentile });
  return [updated];
}

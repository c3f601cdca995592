import { compact, uniqueSorted } from './compact';
import type { CommonProperties } from './types';

/** OpenCTI's extras on a cyber-observable, as the custom properties the platform's workers read. */
export function observableExtras(p: CommonProperties): Record<string, unknown> {
  return compact({
    object_marking_refs: p.markings,
    x_opencti_score: p.score,
    x_opencti_labels: uniqueSorted(p.labels),
    x_opencti_description: p.description,
    x_opencti_created_by_ref: p.createdBy,
    x_opencti_external_references: p.externalReferences,
  });
}

/** The standard STIX properties of a domain object or relationship for the same extras. */
export function domainExtras(p: CommonProperties): Record<string, unknown> {
  return compact({
    created_by_ref: p.createdBy,
    description: p.description,
    labels: uniqueSorted(p.labels),
    x_opencti_score: p.score,
    external_references: p.externalReferences,
    object_marking_refs: p.markings,
  });
}

/** `created`/`modified` of a new domain object: both the pipeline clock, so reruns with one clock agree. */
export const timestamps = (now: string): { created: string; modified: string } => ({ created: now, modified: now });

import { compact, uniqueSorted } from './compact';
import { OPENCTI_SCO_EXTENSION_ID } from './opencti-types';
import type { ExternalReference, StixObject } from './types';

export interface EntityUpdate {
  score?: number;
  /** Added to the entity's labels. */
  labels?: string[];
  description?: string;
  /** Added to the entity's external references. */
  externalReferences?: ExternalReference[];
  /** Any other properties to set, e.g. `x_opencti_epss_score` on a vulnerability. */
  properties?: Record<string, unknown>;
}

const isObservable = (entity: StixObject): boolean =>
  ![
    'vulnerability',
    'indicator',
    'malware',
    'attack-pattern',
    'threat-actor',
    'intrusion-set',
    'tool',
    'campaign',
    'infrastructure',
    'identity',
    'location',
    'report',
    'note',
  ].includes(entity.type);

/**
 * A copy of the entity with new score, labels, description or external references, written where
 * OpenCTI reads them: for an observable, into OpenCTI's SCO extension when the entity has it (as the
 * platform sends it) or else as `x_opencti_*` properties; for a domain object, as standard properties.
 */
export function updateEntity(entity: StixObject, update: EntityUpdate): StixObject {
  const copy: StixObject = structuredClone(entity);
  const extensions = copy.extensions as Record<string, Record<string, unknown>> | undefined;
  const scoExtension = extensions?.[OPENCTI_SCO_EXTENSION_ID];
  const refsOf = (v: unknown) => (Array.isArray(v) ? (v as ExternalReference[]) : []);
  const mergeRefs = (existing: unknown) => {
    const all = [...refsOf(existing), ...(update.externalReferences ?? [])];
    const key = (r: ExternalReference) => r.url ?? `${r.source_name}|${r.external_id ?? ''}`;
    return all.filter((r, i) => all.findIndex((o) => key(o) === key(r)) === i);
  };
  if (isObservable(entity) && scoExtension) {
    Object.assign(
      scoExtension,
      compact({
        score: update.score,
        description: update.description,
        labels: update.labels ? uniqueSorted([...((scoExtension.labels as string[]) ?? []), ...update.labels]) : undefined,
        external_references: update.externalReferences ? mergeRefs(scoExtension.external_references) : undefined,
      }),
    );
  } else if (isObservable(entity)) {
    Object.assign(
      copy,
      compact({
        x_opencti_score: update.score,
        x_opencti_description: update.description,
        x_opencti_labels: update.labels ? uniqueSorted([...((copy.x_opencti_labels as string[]) ?? []), ...update.labels]) : undefined,
        x_opencti_external_references: update.externalReferences ? mergeRefs(copy.x_opencti_external_references) : undefined,
      }),
    );
  } else {
    Object.assign(
      copy,
      compact({
        x_opencti_score: update.score,
        description: update.description,
        labels: update.labels ? uniqueSorted([...((copy.labels as string[]) ?? []), ...update.labels]) : undefined,
        external_references: update.externalReferences ? mergeRefs(copy.external_references) : undefined,
      }),
    );
  }
  Object.assign(copy, compact(update.properties ?? {}));
  return copy;
}

import { v5 as uuidv5 } from 'uuid';
import { STIX_NAMESPACE } from '../../shared/stix/ids';
import type { StixObject } from '../../shared/stix/types';

/** Message shapes by platform version (docs/protocol.md#listen-messages). */
export type MessageShape = 'modern' | 'v6' | 'v5';

export interface EnrichmentRequest {
  entity: StixObject;
  /** OpenCTI entity type, e.g. `IPv4-Addr`. */
  entityType: string;
  workId: string | null;
  shape?: MessageShape;
  mode?: 'auto' | 'manual';
}

/** The listen message the platform sends for an enrichment, in the shape of a given platform version. */
export function enrichmentMessage(r: EnrichmentRequest): string {
  const shape = r.shape ?? 'modern';
  if (shape === 'v5') return JSON.stringify({ internal: { work_id: r.workId, applicant_id: null }, event: { entity_id: r.entity.id } });
  if (shape === 'v6') {
    return JSON.stringify({
      internal: { work_id: r.workId, applicant_id: null, draft_id: null },
      event: { event_type: 'INTERNAL_ENRICHMENT', entity_id: r.entity.id, entity_type: r.entityType },
    });
  }
  const mode = r.mode ?? 'auto';
  return JSON.stringify({
    internal: { work_id: r.workId, applicant_id: null, draft_id: null, trigger: mode === 'auto' ? 'create' : 'update', mode },
    event: {
      event_type: 'INTERNAL_ENRICHMENT',
      entity_id: r.entity.id,
      entity_type: r.entityType,
      stix_entity: JSON.stringify(r.entity),
      stix_objects: null,
    },
  });
}

/** A playbook "Enrich through connector" message carrying the bundle in flight (no work). */
export function playbookEnrichmentMessage(
  entity: StixObject,
  ids: { execution: string; step: string; previousStep?: string },
  inFlight: StixObject[] = [],
): string {
  return JSON.stringify({
    internal: {
      work_id: null,
      playbook: {
        event_id: `event-${ids.execution}`,
        execution_id: ids.execution,
        playbook_id: 'playbook-local',
        data_instance_id: entity.id,
        step_id: ids.step,
        previous_step_id: ids.previousStep ?? 'step-start',
      },
      applicant_id: 'c49fe040-2dad-412d-af07-ce639204ad55',
      trigger: 'create',
      mode: 'auto',
    },
    event: {
      entity_id: entity.id,
      bundle: {
        type: 'bundle',
        id: `bundle--${uuidv5(ids.execution, STIX_NAMESPACE)}`,
        spec_version: '2.1',
        objects: [entity, ...inFlight],
      },
    },
  });
}

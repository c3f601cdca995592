import { ipv4Addr, tlpMarking, OPENCTI_EXTENSION_ID } from '../../shared/stix';
import type { StixObject } from '../../shared/stix';

/** The platform's STIX form of an IPv4 observable, as it embeds it in `stix_entity`. */
export function ipEntity(value: string, tlp: Parameters<typeof tlpMarking>[0] = 'TLP:GREEN', grantedRefs?: string[]): StixObject {
  return {
    ...ipv4Addr(value),
    object_marking_refs: [tlpMarking(tlp).id],
    extensions: {
      // As OpenCTI sends it: without extension_type, which the pipeline adds back.
      [OPENCTI_EXTENSION_ID]: { id: `internal-${value}`, type: 'IPv4-Addr', created_at: '2026-01-01T00:00:00.000Z', ...(grantedRefs ? { granted_refs: grantedRefs } : {}) },
    },
  };
}

/** Platform >= 6.8.9 auto (or manual) enrichment message. */
export function modernMessage(entity: StixObject, workId: string, mode: 'auto' | 'manual' = 'auto'): string {
  return JSON.stringify({
    internal: { work_id: workId, applicant_id: null, draft_id: null, trigger: mode === 'auto' ? 'create' : 'update', mode },
    event: { event_type: 'INTERNAL_ENRICHMENT', entity_id: entity.id, entity_type: 'IPv4-Addr', stix_entity: JSON.stringify(entity), stix_objects: null },
  });
}

/** Platform 6.0-6.8.8: entity type, no STIX entity. */
export const v6Message = (entityId: string, workId: string, entityType = 'IPv4-Addr') =>
  JSON.stringify({ internal: { work_id: workId, applicant_id: null }, event: { event_type: 'INTERNAL_ENRICHMENT', entity_id: entityId, entity_type: entityType } });

/** Platform 5.x: the entity id alone. */
export const v5Message = (entityId: string, workId: string) => JSON.stringify({ internal: { work_id: workId, applicant_id: null }, event: { entity_id: entityId } });

/** A playbook "Enrich through connector" step: the bundle in flight, no work. */
export function playbookMessage(entity: StixObject, extra: StixObject[] = []): { body: string; bundle: unknown } {
  const bundle = { type: 'bundle', id: 'bundle--6f0e5c1a-2b3c-4d5e-8f90-0a1b2c3d4e5f', spec_version: '2.1', objects: [entity, ...extra] };
  const body = JSON.stringify({
    internal: {
      work_id: null,
      playbook: { event_id: 'evt-1', execution_id: 'exec-1', playbook_id: 'pb-1', data_instance_id: entity.id, step_id: 'step-2', previous_step_id: 'step-1' },
      applicant_id: 'c49fe040-2dad-412d-af07-ce639204ad55',
      trigger: 'create',
      mode: 'auto',
    },
    event: { entity_id: entity.id, bundle },
  });
  return { body, bundle };
}

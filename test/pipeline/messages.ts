import { ipv4Addr, tlpMarking, OPENCTI_EXTENSION_ID } from '../../shared/stix';
import type { StixObject } from '../../shared/stix';
import { enrichmentMessage, playbookEnrichmentMessage } from '../../local/stand-in/enrichment-messages';

/** The platform's STIX form of an IPv4 observable, as it embeds it in `stix_entity`. */
export function ipEntity(value: string, tlp: Parameters<typeof tlpMarking>[0] = 'TLP:GREEN', grantedRefs?: string[]): StixObject {
  return {
    ...ipv4Addr(value),
    object_marking_refs: [tlpMarking(tlp).id],
    extensions: {
      // As OpenCTI sends it: without extension_type, which the pipeline adds back.
      [OPENCTI_EXTENSION_ID]: {
        id: `internal-${value}`,
        type: 'IPv4-Addr',
        created_at: '2026-01-01T00:00:00.000Z',
        ...(grantedRefs ? { granted_refs: grantedRefs } : {}),
      },
    },
  };
}

/** Platform >= 6.8.9 auto (or manual) enrichment message. */
export const modernMessage = (entity: StixObject, workId: string, mode: 'auto' | 'manual' = 'auto') =>
  enrichmentMessage({ entity, entityType: 'IPv4-Addr', workId, mode });

/** Platform 6.0-6.8.8: entity type, no STIX entity. */
export const v6Message = (entityId: string, workId: string) =>
  enrichmentMessage({ entity: { type: 'ipv4-addr', id: entityId }, entityType: 'IPv4-Addr', workId, shape: 'v6' });

/** Platform 5.x: the entity id alone. */
export const v5Message = (entityId: string, workId: string) =>
  enrichmentMessage({ entity: { type: 'ipv4-addr', id: entityId }, entityType: 'IPv4-Addr', workId, shape: 'v5' });

/** A playbook "Enrich through connector" step: the bundle in flight, no work. */
export function playbookMessage(entity: StixObject, extra: StixObject[] = []): { body: string; bundle: unknown } {
  const body = playbookEnrichmentMessage(entity, { execution: 'exec-1', step: 'step-2', previousStep: 'step-1' }, extra);
  return { body, bundle: JSON.parse(body).event.bundle };
}

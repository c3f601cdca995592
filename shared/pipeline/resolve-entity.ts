import { openctiTypeOf } from '../stix/opencti-types';
import type { StixObject } from '../stix/types';
import type { PipelineOpenCti } from './deps';
import { NonRetryableError } from './errors';
import type { EnrichmentMessage } from './message';
import { printable } from './printable';

/**
 * The entity to enrich, as pycti finds it: the playbook bundle's object with the entity id, the
 * message's `stix_entity`, or else the platform's STIX form read over GraphQL (5.x, 6.0-6.8.8).
 */
export async function resolveEntity(
  message: EnrichmentMessage,
  opencti: PipelineOpenCti,
): Promise<{ entity: StixObject; entityType: string }> {
  let entity = message.playbook?.bundle.objects.find((o) => o.id === message.entityId) ?? message.stixEntity;
  entity ??= await opencti.readStixEntity(message.entityId);
  if (!entity)
    throw new NonRetryableError(`Unable to read/access the entity ${printable(message.entityId)}, please check the connector permissions`);
  return { entity, entityType: message.entityType ?? openctiTypeOf(entity) };
}

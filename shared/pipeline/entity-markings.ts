import { meaningOfPair, meaningOfStixMarking, type MarkingMeaning } from '../stix/marking-definitions';
import { tlpOfMarkingId } from '../stix/markings';
import type { StixObject } from '../stix/types';
import type { PipelineOpenCti } from './deps';
import { NonRetryableError } from './errors';
import type { EnrichmentMessage } from './message';

/** What the TLP check knows about an entity's markings. */
export interface EntityMarkings {
  /** Each marking whose definition was found, with what it means for TLP. */
  meanings: Array<{ id: string; meaning: MarkingMeaning }>;
  /** Marking ids for which no definition could be found anywhere: their TLP is unknown. */
  unresolved: string[];
}

/**
 * The entity's `object_marking_refs`. A message's entity is checked when the message is parsed
 * (a malformed message); this catches the platform's own STIX form (read over GraphQL).
 */
function markingRefsOf(entity: StixObject): string[] {
  const refs: unknown = entity.object_marking_refs;
  if (refs === undefined) return [];
  if (Array.isArray(refs) && refs.every((r) => typeof r === 'string')) return refs as string[];
  throw new NonRetryableError('the platform sent the entity with object_marking_refs that is not a list of marking ids');
}

/** Marking definitions carried by the message (a playbook's bundle in flight), by id. */
function carriedDefinitions(message: EnrichmentMessage): Map<string, MarkingMeaning> {
  const found = new Map<string, MarkingMeaning>();
  for (const object of message.playbook?.bundle.objects ?? []) {
    if (object.type !== 'marking-definition') continue;
    const meaning = meaningOfStixMarking(object);
    // Two objects with one id: keep the TLP reading, so a statement never hides a TLP marking.
    if (meaning && (found.get(object.id)?.kind ?? 'other') === 'other') found.set(object.id, meaning);
  }
  return found;
}

/**
 * Finds what each of the entity's markings means, as pycti does from marking definitions rather
 * than ids: first the definitions the message carries, with the five built-in TLP ids counted as
 * their level as well; for any other id, the entity's `objectMarking` read over GraphQL (whose
 * TLP markings all count). A marking found nowhere stays unresolved, and the check fails closed.
 */
export async function resolveEntityMarkings(
  entity: StixObject,
  message: EnrichmentMessage,
  opencti: PipelineOpenCti,
): Promise<EntityMarkings> {
  const carried = carriedDefinitions(message);
  const meanings: EntityMarkings['meanings'] = [];
  const unresolved: string[] = [];
  for (const id of markingRefsOf(entity)) {
    const builtIn = tlpOfMarkingId(id);
    const defined = carried.get(id);
    if (builtIn) meanings.push({ id, meaning: { kind: 'tlp', level: builtIn } });
    if (defined) meanings.push({ id, meaning: defined });
    if (!builtIn && !defined) unresolved.push(id);
  }
  if (unresolved.length === 0) return { meanings, unresolved };

  const platform = await opencti.readEntityMarkings(message.entityId);
  if (!platform) return { meanings, unresolved };
  const known = new Set<string>();
  for (const marking of platform) {
    meanings.push({ id: marking.standard_id, meaning: meaningOfPair(marking.definition_type, marking.definition, marking.standard_id) });
    for (const id of [marking.id, marking.standard_id, ...(marking.x_opencti_stix_ids ?? [])]) known.add(id);
  }
  return { meanings, unresolved: unresolved.filter((id) => !known.has(id)) };
}

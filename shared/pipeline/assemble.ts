import { buildBundle } from '../stix/bundle';
import { OPENCTI_EXTENSION_ID, OPENCTI_SCO_EXTENSION_ID } from '../stix/opencti-types';
import type { StixBundle, StixObject } from '../stix/types';
import { applyScorePolicy, type ScorePolicy } from './score-policy';

type Extensions = Record<string, Record<string, unknown>>;

/**
 * The organisations an entity is shared with: `x_opencti_granted_refs`, or `granted_refs` in
 * OpenCTI's generic extension, falling back to the SCO extension (docs/protocol.md#handling-a-message).
 */
export function grantedRefsOf(entity: StixObject): string[] {
  const ext = entity.extensions as Extensions | undefined;
  const refs = entity.x_opencti_granted_refs ?? ext?.[OPENCTI_EXTENSION_ID]?.granted_refs ?? ext?.[OPENCTI_SCO_EXTENSION_ID]?.granted_refs;
  return Array.isArray(refs) ? (refs as string[]) : [];
}

function withGrantedRefs(object: StixObject, refs: string[]): StixObject {
  const ext = object.extensions as Extensions | undefined;
  const generic = ext?.[OPENCTI_EXTENSION_ID];
  if (generic) {
    const merged = [...new Set([...((generic.granted_refs as string[]) ?? []), ...refs])];
    return { ...object, extensions: { ...ext, [OPENCTI_EXTENSION_ID]: { ...generic, granted_refs: merged } } };
  }
  return { ...object, x_opencti_granted_refs: [...new Set([...((object.x_opencti_granted_refs as string[]) ?? []), ...refs])] };
}

/** OpenCTI's property extensions sometimes arrive without `extension_type`, which the STIX schemas require. */
function withExtensionTypes(object: StixObject): StixObject {
  const ext = object.extensions as Extensions | undefined;
  if (!ext) return object;
  const fixed = Object.fromEntries(
    Object.entries(ext).map(([key, value]) =>
      key.startsWith('extension-definition--') && value && !value.extension_type
        ? [key, { extension_type: 'property-extension', ...value }]
        : [key, value],
    ),
  );
  return { ...object, extensions: fixed };
}

export interface AssembleInput {
  entity: StixObject;
  author: StixObject;
  /** What the service's toStix returned; an object with the entity's id replaces the entity. */
  objects: StixObject[];
  /** The pipeline clock, for objects the pipeline adds (the score note). */
  now: string;
  /** Whether the service may lower a higher score the entity has. */
  scorePolicy: ScorePolicy;
}

/**
 * The result bundle: the entity (or its updated copy, its score kept by the {@link ScorePolicy}),
 * the author, then the new objects. New objects without markings get the entity's markings; every
 * object gets the entity's organisation sharing, as pycti does.
 */
export function assembleBundle({ entity, author, objects, now, scorePolicy }: AssembleInput): StixBundle {
  const serviceUpdate = objects.find((o) => o.id === entity.id);
  const scored = serviceUpdate ? applyScorePolicy({ entity, updated: serviceUpdate, author, now, policy: scorePolicy }) : undefined;
  const updated = scored?.entity ?? entity;
  const markings = entity.object_marking_refs ?? [];
  const granted = grantedRefsOf(entity);
  const marked = [...objects.filter((o) => o.id !== entity.id), ...(scored?.note ? [scored.note] : [])].map((o) =>
    o.object_marking_refs || markings.length === 0 || o.type === 'marking-definition' ? o : { ...o, object_marking_refs: [...markings] },
  );
  const all = [withExtensionTypes(updated), author, ...marked];
  return buildBundle(granted.length ? all.map((o) => (o.type === 'marking-definition' ? o : withGrantedRefs(o, granted))) : all);
}

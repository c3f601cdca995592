import { OPENCTI_EXTENSION_ID, OPENCTI_SCO_EXTENSION_ID, openctiTypeOf } from '../stix/opencti-types';
import type { StixObject } from '../stix/types';
import { undatedNote } from '../stix/undated-note';

/** How a service's score meets the score the entity already has. */
export interface ScorePolicy {
  /** `<SERVICE>_REPLACE_WITH_LOWER_SCORE`: let the service lower a higher score. */
  replaceWithLowerScore: boolean;
  /** That variable's name, for the note that tells the user how to change it. */
  variable: string;
}

type Extensions = Record<string, Record<string, unknown> | undefined>;

/** The places OpenCTI keeps an entity's score: top level, its generic extension, its SCO extension. */
const SCORE_PLACES = [
  { read: (o: StixObject) => o.x_opencti_score, ext: undefined },
  { read: (o: StixObject) => (o.extensions as Extensions | undefined)?.[OPENCTI_EXTENSION_ID]?.score, ext: OPENCTI_EXTENSION_ID },
  { read: (o: StixObject) => (o.extensions as Extensions | undefined)?.[OPENCTI_SCO_EXTENSION_ID]?.score, ext: OPENCTI_SCO_EXTENSION_ID },
] as const;

const asScore = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The score an entity has, wherever OpenCTI put it (the highest if it is in several places); undefined if none. */
export function scoreOf(entity: StixObject): number | undefined {
  const scores = SCORE_PLACES.map((p) => asScore(p.read(entity))).filter((s): s is number => s !== undefined);
  return scores.length ? Math.max(...scores) : undefined;
}

/** The score the service wrote: a score place whose value differs from the entity's. */
function serviceScoreOf(entity: StixObject, updated: StixObject): number | undefined {
  const changed = SCORE_PLACES.find((p) => asScore(p.read(updated)) !== undefined && p.read(updated) !== p.read(entity));
  return changed ? asScore(changed.read(updated)) : undefined;
}

/** The updated entity with every score place back to what the entity had. */
function withScoreOf(entity: StixObject, updated: StixObject): StixObject {
  const copy: StixObject = structuredClone(updated);
  for (const place of SCORE_PLACES) {
    const target = place.ext ? (copy.extensions as Extensions | undefined)?.[place.ext] : copy;
    if (!target) continue;
    const previous = place.read(entity);
    if (previous === undefined) delete target[place.ext ? 'score' : 'x_opencti_score'];
    else target[place.ext ? 'score' : 'x_opencti_score'] = previous;
  }
  return copy;
}

export interface ScoreInput {
  /** The entity as the pipeline resolved it. */
  entity: StixObject;
  /** The service's updated copy of it (same id). */
  updated: StixObject;
  author: StixObject;
  /** The pipeline clock, for the note's `created` (not part of its id). */
  now: string;
  policy: ScorePolicy;
}

/**
 * A service never lowers a higher score the entity already has, unless its
 * `<SERVICE>_REPLACE_WITH_LOWER_SCORE` is true (the VirusTotal connector's option, for every
 * service): the entity keeps its score, and a note by the service records the service's own score.
 * The note's id comes from its content, so the same answer enriched again upserts the same note.
 */
export function applyScorePolicy({ entity, updated, author, now, policy }: ScoreInput): { entity: StixObject; note?: StixObject } {
  const previous = scoreOf(entity);
  const score = serviceScoreOf(entity, updated);
  if (previous === undefined || score === undefined || score >= previous || policy.replaceWithLowerScore) return { entity: updated };
  const service = String(author.name);
  const subject = `${openctiTypeOf(entity)} ${String(entity.value ?? entity.name ?? entity.id)}`;
  const note = undatedNote(
    {
      abstract: `${service} score: ${score}`,
      content:
        `${service} score of ${subject}: ${score}. Not applied: the entity has a higher score, and ${service} ` +
        `lowers a score only with ${policy.variable}=true.`,
      objectRefs: [entity.id],
    },
    now,
    { createdBy: author.id },
  );
  return { entity: withScoreOf(entity, updated), note };
}

import { note } from './domain-objects';
import { noteId } from './ids';
import type { CommonProperties, StixObject } from './types';

/**
 * A note for a vendor answer that carries no date. Its id comes from the content alone (pycti's
 * `Note.generate_id(None, content)`), so enriching again with the same answer upserts the same note
 * instead of adding one; `created` is the pipeline clock and takes no part in the id. Name the
 * subject (e.g. the observable's value) in the content, or two entities with the same answer would
 * share one note.
 */
export function undatedNote(
  f: { content: string; objectRefs: string[]; abstract?: string },
  now: string,
  p: CommonProperties = {},
): StixObject {
  return { ...note({ ...f, created: now }, p), id: noteId(f.content) };
}

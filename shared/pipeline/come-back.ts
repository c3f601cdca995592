import { withoutAttemptState } from './attempts';

/**
 * A lookup that comes back later (a submitted analysis) rides on a new copy of the same SQS
 * message: the body unchanged, the bridge's attributes kept, and the lookup's state in one more
 * attribute. A copy starts a fresh attempt budget: coming back is progress, not failure, and the
 * service bounds its own come-backs through that state.
 */

/** Message attribute that carries `ComeBackLaterError.state` to the next delivery, as JSON. */
export const COME_BACK_ATTRIBUTE = 'opencti_come_back';

/** SQS attributes allow 256 KB per message with the body; the state is meant to be tiny. */
const MAX_STATE_BYTES = 4096;

/** The attributes of the copy: the record's own string attributes (less its attempt and wait state) plus the state. */
export function comeBackAttributes(recordAttributes: Record<string, string>, state: unknown): Record<string, string> {
  const json = JSON.stringify(state ?? null);
  if (Buffer.byteLength(json, 'utf8') > MAX_STATE_BYTES) throw new Error(`come-back state over ${MAX_STATE_BYTES} bytes`);
  return { ...withoutAttemptState(recordAttributes), [COME_BACK_ATTRIBUTE]: json };
}

/** The state a previous delivery left for the lookup, or undefined (first delivery, unreadable). */
export function comeBackStateOf(recordAttributes: Record<string, string>): unknown {
  const json = recordAttributes[COME_BACK_ATTRIBUTE];
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

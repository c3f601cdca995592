import type { CallPriority } from '../quota/quota-store';

/**
 * A record that waits for the quota rides on a new copy of its SQS message (as a come-back does),
 * and a copy starts a fresh SQS receive count. Waiting is not failing, so the failures before
 * the wait travel with the copy in a message attribute: the record's attempt is those failures
 * plus the copy's own receive count, and `PIPELINE_MAX_RECEIVES` still bounds the failures.
 */

/** Message attribute with the failed deliveries before this copy (a decimal number). */
export const FAILED_ATTEMPTS_ATTRIBUTE = 'opencti_failed_attempts';

/** Message attribute with the state of a record waiting for the quota, as JSON ({@link QuotaWaitState}). */
export const QUOTA_WAIT_ATTRIBUTE = 'opencti_quota_wait';

/** Why and since when a record waits, carried from copy to copy. */
export interface QuotaWaitState {
  /** When the record started waiting (ms epoch), for "waited 12 min" and the wait alarm. */
  since: number;
  /** Not before this time (ms epoch): a copy that arrives earlier (a wait beyond one SQS delay) hops again at once. */
  until: number;
  /** The kind of wait (`window`, `paused`, ...): the work is told again only when it changes. */
  reason: string;
  /** Who asked (manual or auto), decided once. */
  priority?: CallPriority;
}

/** Failed deliveries before this copy; 0 for a message as the bridge sent it or an unreadable attribute. */
export function priorFailures(attributes: Record<string, string>): number {
  const value = Number(attributes[FAILED_ATTEMPTS_ATTRIBUTE]);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** The record's attempt: failures before this copy plus the copy's own receive count. */
export const attemptOf = (record: { receiveCount: number; attributes?: Record<string, string> }): number =>
  priorFailures(record.attributes ?? {}) + record.receiveCount;

/** The wait state a previous copy left, or undefined (not waiting, unreadable). */
export function quotaWaitOf(attributes: Record<string, string>): QuotaWaitState | undefined {
  const json = attributes[QUOTA_WAIT_ATTRIBUTE];
  if (json === undefined) return undefined;
  try {
    const state = JSON.parse(json) as Partial<QuotaWaitState> | null;
    if (typeof state?.since !== 'number' || typeof state.until !== 'number') return undefined;
    return { since: state.since, until: state.until, reason: String(state.reason ?? ''), priority: state.priority };
  } catch {
    // An attribute this code did not write: the record is treated as not waiting, which is safe.
    return undefined;
  }
}

/**
 * The attributes of a waiting copy: the record's own (the bridge's, a come-back's state), the
 * failures so far (this delivery did not fail: only the earlier receives of this copy did), and
 * the wait state.
 */
export function waitingCopyAttributes(
  record: { receiveCount: number; attributes?: Record<string, string> },
  wait: QuotaWaitState,
): Record<string, string> {
  const attributes = record.attributes ?? {};
  const failures = priorFailures(attributes) + Math.max(0, record.receiveCount - 1);
  const { [FAILED_ATTEMPTS_ATTRIBUTE]: _failed, ...kept } = attributes;
  return {
    ...kept,
    ...(failures > 0 ? { [FAILED_ATTEMPTS_ATTRIBUTE]: String(failures) } : {}),
    [QUOTA_WAIT_ATTRIBUTE]: JSON.stringify(wait),
  };
}

/** The attributes without the attempt and wait state: a come-back starts a fresh budget and is not waiting. */
export function withoutAttemptState(attributes: Record<string, string>): Record<string, string> {
  const { [FAILED_ATTEMPTS_ATTRIBUTE]: _failed, [QUOTA_WAIT_ATTRIBUTE]: _wait, ...kept } = attributes;
  return kept;
}

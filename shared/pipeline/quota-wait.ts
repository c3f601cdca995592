import type { CallPriority } from '../quota/quota-store';
import type { RecordOutcome, PipelineDeps } from './deps';
import { quotaWaitOf, waitingCopyAttributes, type QuotaWaitState } from './attempts';
import { NonRetryableError } from './errors';
import type { QuotaRefusal } from './governed-lookup';
import type { EnrichmentMessage } from './message';
import { printable } from './printable';

/** SQS's longest message delay: a longer wait takes several hops. */
export const MAX_DELAY_SECONDS = 900;

/** A wait this long is logged as a warning, so the wait alarm also sees it at log level warn. */
const LONG_WAIT_MS = 15 * 60_000;

/** "38 s", "14 min", "9 h 12 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return `${Math.round(hours / 24)} d`;
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** What the work says while the record waits: "waiting for the VirusTotal quota (4/m): next try in 38 s". */
export function describeWait(refusal: QuotaRefusal, vendor: string, waitMs: number): string {
  const next = `next try in ${formatDuration(waitMs)}`;
  switch (refusal.reason) {
    case 'window':
      return `waiting for the ${vendor} quota (${refusal.window}): ${next}`;
    case 'paused':
      return `waiting: ${vendor} asked to slow down: ${next}`;
    case 'probing':
      return `waiting while one call checks that ${vendor} accepts calls again: ${next}`;
    case 'contention':
      return `waiting: many workers are counting the ${vendor} quota at once: ${next}`;
  }
}

/** The work's error when `<SERVICE>_ON_QUOTA_EXHAUSTED=fail` and the wait is longer than one SQS delay. */
function exhaustedText(refusal: QuotaRefusal, vendor: string, variable: string): string {
  const until = new Date(refusal.retryAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const why =
    refusal.reason === 'window'
      ? `the ${vendor} quota (${refusal.window}) is used up until ${until}`
      : `${vendor} asked to wait until ${until}${refusal.vendorSaid ? ` (${refusal.vendorSaid})` : ''}`;
  return `${why}: not waiting (${variable}=fail)`;
}

/**
 * Seconds until the copy comes back: when the quota has room (at most one SQS delay; a longer wait
 * hops again on arrival), but soon while another call probes the vendor (its answer usually comes
 * in well under its lease). Half the copies come one second later, so a crowd that waited for the
 * same moment does not arrive all at once.
 */
function hopSeconds(refusal: QuotaRefusal, waitMs: number, random: () => number): number {
  const seconds = refusal.reason === 'probing' ? Math.min(2, Math.ceil(waitMs / 1000)) : Math.ceil(waitMs / 1000);
  return Math.min(MAX_DELAY_SECONDS, Math.max(1, seconds + (random() < 0.5 ? 0 : 1)));
}

type Ending = Pick<RecordOutcome, 'status' | 'message' | 'objectCount' | 'waitSeconds'>;

export interface WaitingRecord {
  body: string;
  queueArn?: string;
  receiveCount: number;
  messageId: string;
  attributes?: Record<string, string>;
}

/**
 * The record waits for the quota: the work says why (when the reason changes), then a copy of the
 * message comes back when the quota has room. Not an attempt: the record itself is finished. With
 * `<SERVICE>_ON_QUOTA_EXHAUSTED=fail`, a wait beyond one SQS delay ends the work in error instead.
 */
export async function waitForQuota(
  refusal: QuotaRefusal,
  priority: CallPriority | undefined,
  msg: EnrichmentMessage,
  record: WaitingRecord,
  deps: PipelineDeps,
): Promise<Ending> {
  const vendor = deps.service.author;
  const now = deps.clock().getTime();
  const waitMs = Math.max(0, refusal.retryAt - now);
  if (deps.quota?.onExhausted === 'fail' && waitMs > MAX_DELAY_SECONDS * 1000)
    throw new NonRetryableError(exhaustedText(refusal, vendor, deps.quota.variables.onExhausted));
  const previous = quotaWaitOf(record.attributes ?? {});
  const hop = hopSeconds(refusal, waitMs, deps.random);
  // Behind a probe the copy comes back early on purpose (the probe's lease is only its upper bound).
  const until = refusal.reason === 'probing' ? now + hop * 1000 : refusal.retryAt;
  const state: QuotaWaitState = { since: previous?.since ?? now, until, reason: refusal.reason, priority };
  const text = describeWait(refusal, vendor, until - now);
  // Told before the copy is sent: a failed report then retries this record, never runs it twice.
  if (msg.workId && previous?.reason !== refusal.reason) await deps.opencti.workToReceived(msg.workId, text);
  await sendWaitingCopy(record, state, hop, deps);
  logWait(record, state, now, deps, { reason: refusal.reason, window: refusal.window, workId: msg.workId && printable(msg.workId) });
  return { status: 'waiting', message: text, objectCount: 0, waitSeconds: Math.ceil((until - now) / 1000) };
}

/** A copy that came back before its wait is over (a wait beyond one SQS delay) hops again, untouched and unread. */
export async function hopAgain(wait: QuotaWaitState, record: WaitingRecord, deps: PipelineDeps): Promise<Ending> {
  const now = deps.clock().getTime();
  const waitMs = wait.until - now;
  await sendWaitingCopy(record, wait, Math.min(MAX_DELAY_SECONDS, Math.ceil(waitMs / 1000)), deps);
  logWait(record, wait, now, deps, { reason: wait.reason });
  return {
    status: 'waiting',
    message: `still waiting: next try in ${formatDuration(waitMs)}`,
    objectCount: 0,
    waitSeconds: Math.ceil(waitMs / 1000),
  };
}

async function sendWaitingCopy(record: WaitingRecord, state: QuotaWaitState, delaySeconds: number, deps: PipelineDeps): Promise<void> {
  if (!record.queueArn) throw new Error("waiting for the quota needs the record's queue");
  await deps.sendAgain({ body: record.body, queueArn: record.queueArn, attributes: waitingCopyAttributes(record, state) }, delaySeconds);
}

/** The message of every wait line, which the CDK app's quota-wait alarm filters on (with `waitingForSeconds`). */
export const WAIT_LOG_MESSAGE = 'Waiting for the quota';

/**
 * One line per hop. `waitingForSeconds` feeds the wait alarm (a metric filter in the CDK app);
 * a wait past 15 minutes is a warning, so the alarm works at log level warn too.
 */
function logWait(record: WaitingRecord, state: QuotaWaitState, now: number, deps: PipelineDeps, extra: Record<string, unknown>): void {
  const waitingFor = now - state.since;
  const line = {
    messageId: record.messageId,
    ...extra,
    waitingForSeconds: Math.round(waitingFor / 1000),
    nextTryAt: new Date(state.until).toISOString(),
  };
  if (waitingFor >= LONG_WAIT_MS) deps.logger.warn(WAIT_LOG_MESSAGE, line);
  else deps.logger.info(WAIT_LOG_MESSAGE, line);
}

import { OpenCtiError } from '../opencti/errors';
import type { StixBundle } from '../stix/types';
import { retryDelaySeconds } from './backoff';
import type { PipelineDeps, RecordOutcome } from './deps';
import { PipelineError, RetryableError, SkipError } from './errors';
import type { EnrichmentMessage } from './message';
import { printable } from './printable';

/** How a record ends, less what the record itself says (ids, duration). */
export type Ending = Omit<RecordOutcome, 'messageId' | 'durationMs' | 'entityId' | 'entityType' | 'entityName' | 'workId'>;

/** Answers a playbook step; every ending of a playbook message goes through here so it never stalls. */
export async function answerPlaybook(
  message: EnrichmentMessage,
  bundle: StixBundle,
  executionStart: string,
  deps: PipelineDeps,
): Promise<void> {
  if (!message.playbook) return;
  await deps.opencti.playbookStepExecution({
    playbook: message.playbook.context,
    executionStart,
    previousBundle: message.playbook.bundle,
    bundle,
  });
}

/**
 * Ends a record whose enrichment threw. `attempt` counts the failed deliveries before this one
 * (across the copies of a record that waited for the quota) plus this one.
 */
export async function endWithError(
  error: Error,
  msg: EnrichmentMessage,
  record: { messageId: string },
  attempt: number,
  executionStart: string,
  deps: PipelineDeps,
): Promise<Ending> {
  // Ids as written by the sender, quoted safely in log lines.
  const workId = msg.workId && printable(msg.workId);
  // Pipeline and OpenCTI errors say whether another attempt can help; anything else (a bug, a
  // surprise from a library) is retried, and ends in error on the last attempt.
  const permanent = (error instanceof PipelineError || error instanceof OpenCtiError) && !error.retryable;
  const lastAttempt = attempt >= deps.maxReceives;
  if (!permanent && !lastAttempt) {
    const retryAfter = error instanceof RetryableError ? error.retryAfterSeconds : undefined;
    const retryInSeconds = retryDelaySeconds(attempt, deps.backoff, deps.random, retryAfter);
    deps.logger.warn('Enrichment failed, will retry', {
      messageId: record.messageId,
      workId,
      attempt,
      retryInSeconds,
      error: error.message,
    });
    return { status: 'retry', message: error.message, objectCount: 0, retryInSeconds };
  }
  const skipped = error instanceof SkipError;
  const text = skipped ? error.message : lastAttempt && !permanent ? `${error.message} (gave up after ${attempt} attempts)` : error.message;
  try {
    if (msg.playbook) await answerPlaybook(msg, msg.playbook.bundle, executionStart, deps);
    if (msg.workId) await deps.opencti.workToProcessed(msg.workId, text, !skipped);
  } catch (reportError) {
    // The platform could not hear about it: keep the message, so the failure stays visible.
    deps.logger.error('Cannot report the outcome to OpenCTI', {
      messageId: record.messageId,
      workId,
      error: (reportError as Error).message,
    });
    return {
      status: 'retry',
      message: `${text}; reporting failed: ${(reportError as Error).message}`,
      objectCount: 0,
      retryInSeconds: retryDelaySeconds(attempt, deps.backoff, deps.random),
    };
  }
  if (skipped) return { status: 'skipped', message: text, objectCount: 0 };
  deps.logger.error('Enrichment failed', { messageId: record.messageId, workId, entityId: printable(msg.entityId), error: text });
  // A transient failure on its last attempt goes on to the DLQ (through the queue's redrive: a copy
  // that waited for the quota comes back a few more times, at once, and is passed on unread); a
  // permanent one is finished (work in error).
  return { status: 'failed', message: text, objectCount: 0, retryInSeconds: permanent ? undefined : 0 };
}

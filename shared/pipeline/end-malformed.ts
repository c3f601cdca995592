import type { PipelineDeps, RecordOutcome } from './deps';
import type { QueueRecord } from './enrich-record';
import { MalformedMessageError } from './errors';
import { printable } from './printable';

/**
 * Ends a record whose body is not an enrichment message. When the body still names a work, that
 * work is closed in error with the reason on the first attempt (the later ones would only repeat
 * it). The record itself fails at once on every attempt, so SQS moves it to the DLQ.
 */
export async function endMalformed(
  error: Error,
  workId: string | null,
  record: QueueRecord,
  deps: PipelineDeps,
): Promise<Pick<RecordOutcome, 'status' | 'message' | 'objectCount' | 'retryInSeconds'>> {
  const reason = error instanceof MalformedMessageError ? error.message : `unreadable body: ${printable(error.message)}`;
  const quotedWorkId = workId && printable(workId);
  deps.logger.error('Malformed enrichment message: kept for the dead-letter queue', {
    messageId: record.messageId,
    workId: quotedWorkId,
    reason,
  });
  const ending = { status: 'malformed' as const, message: reason, objectCount: 0, retryInSeconds: 0 };
  if (!workId || record.receiveCount > 1) return ending;
  try {
    await deps.opencti.workToProcessed(workId, reason, true);
  } catch (reportError) {
    // The record still goes on to the DLQ, where its log line and body remain.
    deps.logger.error('Cannot close the work of a malformed message', {
      messageId: record.messageId,
      workId: quotedWorkId,
      error: (reportError as Error).message,
    });
    return { ...ending, message: `${reason}; reporting failed: ${(reportError as Error).message}` };
  }
  return ending;
}

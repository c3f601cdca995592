import { countByType } from '../stix/bundle';
import { assembleBundle } from './assemble';
import { attemptOf, quotaWaitOf } from './attempts';
import { retryDelaySeconds } from './backoff';
import type { PipelineDeps, RecordOutcome } from './deps';
import { ClaimCheckError, claimCheckOf } from './claim-check';
import { ComeBackLaterError, PipelineError } from './errors';
import { comeBackAttributes } from './come-back';
import { endMalformed } from './end-malformed';
import { answerPlaybook, endWithError, type Ending } from './end-with-error';
import { resolveEntityMarkings } from './entity-markings';
import { governedLookup } from './governed-lookup';
import { parseEnrichmentMessage, readableWorkId, type EnrichmentMessage } from './message';
import { checkScope, checkTlp } from './policy';
import { printable } from './printable';
import { formatDuration, hopAgain, waitForQuota } from './quota-wait';
import { resolveEntity } from './resolve-entity';
import { summarizeObjects } from './summary';

/** One SQS record as the pipeline needs it. */
export interface QueueRecord {
  messageId: string;
  body: string;
  receiveCount: number;
  /** The SQS queue it came from: a come-back or a waiting copy is sent there. */
  queueArn?: string;
  /** Its string message attributes (the bridge's, a come-back's state, the attempt and wait state of a copy). */
  attributes?: Record<string, string>;
}

/** A copy due within this margin goes through: SQS delays are whole seconds. */
const HOP_MARGIN_MS = 1_000;

/**
 * Enriches one message end to end: read a claim-checked body, parse, mark the work received,
 * resolve the entity, check scope and TLP before any external call, look up under the
 * connector's quota (private addresses, cache, shared rate limits, vendor pause), map, publish,
 * and close the work. Never throws: the outcome says whether the record must come back (retry),
 * waits (a copy was sent), or is finished; a finished record's claim-check file is deleted.
 */
export async function enrichRecord(record: QueueRecord, deps: PipelineDeps): Promise<RecordOutcome> {
  const outcome = await enrichOnce(record, deps);
  await releaseClaimCheck(record, outcome, deps);
  return outcome;
}

/** Outcomes after which the record is deleted from the queue: nothing will read its body again. */
const FINISHED = new Set<RecordOutcome['status']>(['enriched', 'no-data', 'skipped', 'failed']);

/**
 * Deletes the record's stored body once the record is finished and deleted from the queue. A
 * come-back or waiting copy carries the pointer on, a record that will be retried needs it, and a
 * dead-lettered one keeps it so that a redrive can still read it.
 */
async function releaseClaimCheck(record: QueueRecord, outcome: RecordOutcome, deps: PipelineDeps): Promise<void> {
  if (!deps.claimChecks || !FINISHED.has(outcome.status) || outcome.retryInSeconds !== undefined) return;
  let pointer;
  try {
    pointer = claimCheckOf(record.attributes);
  } catch {
    return;
  }
  if (!pointer) return;
  try {
    await deps.claimChecks.release(pointer);
  } catch (error) {
    deps.logger.warn('Cannot delete the stored message body', { messageId: record.messageId, error: (error as Error).message });
  }
}

async function enrichOnce(record: QueueRecord, deps: PipelineDeps): Promise<RecordOutcome> {
  const started = deps.clock();
  const executionStart = started.toISOString().replace(/\.\d{3}Z$/, '+00:00');
  const attempt = attemptOf(record);
  const waiting = deps.quota ? quotaWaitOf(record.attributes ?? {}) : undefined;
  // Only the first delivery of a waiting copy ends the wait; its retries are ordinary attempts.
  const facts: Partial<RecordOutcome> = waiting && record.receiveCount === 1 ? { waitingSince: waiting.since } : {};
  const finish = (ending: Ending): RecordOutcome => {
    const outcome: RecordOutcome = {
      messageId: record.messageId,
      ...facts,
      ...ending,
      durationMs: deps.clock().getTime() - started.getTime(),
    };
    if (outcome.waitingSince !== undefined && outcome.status !== 'waiting')
      deps.logger.info('Quota wait over', {
        messageId: record.messageId,
        workId: outcome.workId,
        outcome: outcome.status,
        waitedSeconds: Math.round((started.getTime() - outcome.waitingSince) / 1000),
      });
    deps.onOutcome?.(outcome);
    return outcome;
  };

  if (attempt > deps.maxReceives) {
    // An earlier delivery of this copy was its last attempt and reported the failure: back to the
    // queue at once, so the queue's redrive moves it to the DLQ without a second report.
    const message = `attempts spent (${deps.maxReceives}): on to the dead-letter queue`;
    return finish({ status: 'dead-letter', message, objectCount: 0, retryInSeconds: 0 });
  }
  if (waiting && record.receiveCount === 1 && waiting.until - started.getTime() > HOP_MARGIN_MS) {
    try {
      return finish(await hopAgain(waiting, record, deps));
    } catch (error) {
      return finish(retryLater(error as Error, 'Cannot send the waiting record again', record, attempt, deps));
    }
  }

  let body = record.body;
  try {
    // Only the attribute the bridge sets makes a claim check; a body that looks like one is just a body.
    const pointer = claimCheckOf(record.attributes);
    if (pointer) {
      if (!deps.claimChecks) throw new ClaimCheckError('message is a claim check but this connector has no claim-check storage');
      body = await deps.claimChecks.read(pointer);
    }
  } catch (error) {
    // A pointer outside the connector's storage goes on to the DLQ; storage unreachable now may be readable later.
    if (error instanceof PipelineError && !error.retryable) return finish(await endMalformed(error, null, record, deps));
    return finish(retryLater(error as Error, 'Cannot read the stored message body', record, attempt, deps));
  }
  let msg: EnrichmentMessage;
  try {
    msg = parseEnrichmentMessage(body);
  } catch (error) {
    const workId = readableWorkId(body);
    if (workId) facts.workId = printable(workId);
    return finish(await endMalformed(error as Error, workId, record, deps));
  }
  Object.assign(facts, { workId: msg.workId && printable(msg.workId), entityId: printable(msg.entityId) });

  try {
    // A record back from waiting was received already; the work says why it waited.
    if (msg.workId && !waiting) await deps.opencti.workToReceived(msg.workId, 'Connector ready to process the operation');
    const { entity, entityType } = await resolveEntity(msg, deps.opencti);
    Object.assign(facts, { entityType: printable(entityType), entityName: printable(entity.value ?? entity.name ?? entity.id) });
    checkScope(entityType, deps.service.scope, deps.service.name);
    checkTlp(await resolveEntityMarkings(entity, msg, deps.opencti), deps.maxTlp, deps.variables.maxTlp);

    let answer;
    try {
      answer = await governedLookup({ msg, entity, entityType, attributes: record.attributes, waiting }, deps);
    } catch (error) {
      if (error instanceof ComeBackLaterError) return finish(await comeBack(error, msg, record, deps));
      throw error;
    }
    if (answer.cache) facts.cache = answer.cache;
    if (answer.kind === 'wait') return finish(await waitForQuota(answer.refusal, answer.priority, msg, record, deps));
    const fromCache = answer.cachedAgeMs === undefined ? '' : ` (from cache, ${formatDuration(answer.cachedAgeMs)} old)`;
    if (answer.result === undefined) {
      const text = `no data: ${deps.service.name} has nothing on this ${printable(entityType)}${fromCache}`;
      if (msg.playbook) await answerPlaybook(msg, msg.playbook.bundle, executionStart, deps);
      if (msg.workId) await deps.opencti.workToProcessed(msg.workId, text);
      return finish({ status: 'no-data', message: text, objectCount: 0 });
    }
    const now = started.toISOString();
    const objects = deps.service.toStix(answer.result, {
      entity,
      entityType,
      authorId: deps.author.id,
      markings: entity.object_marking_refs ?? [],
      now,
      options: deps.options,
    });
    const scorePolicy = { replaceWithLowerScore: deps.replaceWithLowerScore, variable: deps.variables.replaceWithLowerScore };
    const bundle = assembleBundle({ entity, author: deps.author, objects, now, scorePolicy });
    const added = bundle.objects.slice(2);
    const updated = objects.some((o) => o.id === entity.id);
    const summary =
      (updated ? `entity updated, ${added.length ? summarizeObjects(added) : 'no new objects'}` : summarizeObjects(added)) + fromCache;
    if (msg.playbook) await answerPlaybook(msg, bundle, executionStart, deps);
    else
      await deps.publisher.publish(bundle, {
        connectorId: deps.connectorId,
        workId: msg.workId,
        applicantId: msg.applicantId,
        draftId: msg.draftId,
        update: deps.update,
      });
    if (msg.workId) await deps.opencti.workToProcessed(msg.workId, summary);
    return finish({ status: 'enriched', message: summary, objectCount: added.length, bundleObjectTypes: countByType(bundle.objects) });
  } catch (error) {
    return finish(await endWithError(error as Error, msg, record, attempt, executionStart, deps));
  }
}

/** A failure before the message could be read: retried with the pipeline's backoff. */
function retryLater(error: Error, what: string, record: QueueRecord, attempt: number, deps: PipelineDeps): Ending {
  const retryInSeconds = retryDelaySeconds(attempt, deps.backoff, deps.random);
  deps.logger.error(what, { messageId: record.messageId, attempt, retryInSeconds, error: error.message });
  return { status: 'retry', message: error.message, objectCount: 0, retryInSeconds };
}

/** Sends the message again with the lookup's state and delay; the work stays in progress and says why. */
async function comeBack(error: ComeBackLaterError, msg: EnrichmentMessage, record: QueueRecord, deps: PipelineDeps): Promise<Ending> {
  if (!record.queueArn) throw new Error("a come-back needs the record's queue", { cause: error });
  const attributes = comeBackAttributes(record.attributes ?? {}, error.state);
  await deps.sendAgain({ body: record.body, queueArn: record.queueArn, attributes }, error.delaySeconds);
  const text = `${error.message}: next look in ${error.delaySeconds} s`;
  if (msg.workId) await deps.opencti.workToReceived(msg.workId, text);
  deps.logger.info('Lookup comes back later', {
    messageId: record.messageId,
    workId: msg.workId && printable(msg.workId),
    comeBackInSeconds: error.delaySeconds,
  });
  return { status: 'come-back', message: text, objectCount: 0, comeBackInSeconds: error.delaySeconds, comeBackState: error.state };
}

import { OpenCtiError } from '../opencti/errors';
import { countByType } from '../stix/bundle';
import type { StixBundle } from '../stix/types';
import { assembleBundle } from './assemble';
import { retryDelaySeconds } from './backoff';
import { classifyLookupError } from './classify';
import type { PipelineDeps, RecordOutcome } from './deps';
import { ComeBackLaterError, PipelineError, RetryableError, SkipError } from './errors';
import { comeBackAttributes, comeBackStateOf } from './come-back';
import { endMalformed } from './end-malformed';
import { resolveEntityMarkings } from './entity-markings';
import { parseEnrichmentMessage, readableWorkId, type EnrichmentMessage } from './message';
import { checkScope, checkTlp } from './policy';
import { printable } from './printable';
import { resolveEntity } from './resolve-entity';
import { summarizeObjects } from './summary';

/** One SQS record as the pipeline needs it. */
export interface QueueRecord {
  messageId: string;
  body: string;
  receiveCount: number;
  /** The SQS queue it came from: a come-back is sent there. */
  queueArn?: string;
  /** Its string message attributes (the bridge's, and a come-back's state). */
  attributes?: Record<string, string>;
}

type Ending = Omit<RecordOutcome, 'messageId' | 'durationMs' | 'entityId' | 'entityType' | 'entityName' | 'workId'>;

/** Answers a playbook step; every ending of a playbook message goes through here so it never stalls. */
async function answerPlaybook(message: EnrichmentMessage, bundle: StixBundle, executionStart: string, deps: PipelineDeps): Promise<void> {
  if (!message.playbook) return;
  await deps.opencti.playbookStepExecution({
    playbook: message.playbook.context,
    executionStart,
    previousBundle: message.playbook.bundle,
    bundle,
  });
}

/**
 * Enriches one message end to end: parse, mark the work received, resolve the entity, check
 * scope and TLP before any external call, look up, map, publish, and close the work. Never throws:
 * the outcome says whether the record must come back (retry) or is finished.
 */
export async function enrichRecord(record: QueueRecord, deps: PipelineDeps): Promise<RecordOutcome> {
  const started = deps.clock();
  const executionStart = started.toISOString().replace(/\.\d{3}Z$/, '+00:00');
  let message: EnrichmentMessage | undefined;
  const facts: Partial<RecordOutcome> = {};
  const finish = (ending: Ending): RecordOutcome => {
    const outcome: RecordOutcome = {
      messageId: record.messageId,
      ...facts,
      ...ending,
      durationMs: deps.clock().getTime() - started.getTime(),
    };
    deps.onOutcome?.(outcome);
    return outcome;
  };

  let body: string;
  try {
    body = await deps.resolveBody(record.body);
  } catch (error) {
    // A claim check that cannot be read now (storage unreachable) may be readable later.
    const retryInSeconds = retryDelaySeconds(record.receiveCount, deps.backoff, deps.random);
    deps.logger.error('Cannot read the stored message body', {
      messageId: record.messageId,
      attempt: record.receiveCount,
      retryInSeconds,
      error: (error as Error).message,
    });
    return finish({ status: 'retry', message: (error as Error).message, objectCount: 0, retryInSeconds });
  }
  try {
    message = parseEnrichmentMessage(body);
  } catch (error) {
    const workId = readableWorkId(body);
    if (workId) facts.workId = printable(workId);
    return finish(await endMalformed(error as Error, workId, record, deps));
  }
  const msg = message;
  Object.assign(facts, { workId: msg.workId && printable(msg.workId), entityId: printable(msg.entityId) });

  try {
    if (msg.workId) await deps.opencti.workToReceived(msg.workId, 'Connector ready to process the operation');
    const { entity, entityType } = await resolveEntity(msg, deps.opencti);
    Object.assign(facts, { entityType: printable(entityType), entityName: printable(entity.value ?? entity.name ?? entity.id) });
    checkScope(entityType, deps.service.scope, deps.service.name);
    checkTlp(await resolveEntityMarkings(entity, msg, deps.opencti), deps.maxTlp, deps.variables.maxTlp);

    let result: unknown;
    try {
      result = await deps.service.lookup({
        http: deps.vendorHttp,
        baseUrl: String(deps.vendorHttp.defaults.baseURL ?? ''),
        apiKey: deps.apiKey,
        entity,
        entityType,
        resume: comeBackStateOf(record.attributes ?? {}),
        options: deps.options,
      });
    } catch (error) {
      if (error instanceof ComeBackLaterError) return finish(await comeBack(error, msg, record, deps));
      const { name, classifyError } = deps.service;
      throw classifyLookupError(error, { name, keyVariable: deps.variables.apiKey, classifyError }, deps.clock().getTime());
    }
    if (result === undefined) {
      const text = `no data: ${deps.service.name} has nothing on this ${printable(entityType)}`;
      if (msg.playbook) await answerPlaybook(msg, msg.playbook.bundle, executionStart, deps);
      if (msg.workId) await deps.opencti.workToProcessed(msg.workId, text);
      return finish({ status: 'no-data', message: text, objectCount: 0 });
    }
    const now = started.toISOString();
    const objects = deps.service.toStix(result, {
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
    const summary = updated ? `entity updated, ${added.length ? summarizeObjects(added) : 'no new objects'}` : summarizeObjects(added);
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
    return finish(await endWithError(error as Error, msg, record, executionStart, deps));
  }
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

async function endWithError(
  error: Error,
  msg: EnrichmentMessage,
  record: QueueRecord,
  executionStart: string,
  deps: PipelineDeps,
): Promise<Ending> {
  // Ids as written by the sender, quoted safely in log lines.
  const workId = msg.workId && printable(msg.workId);
  // Pipeline and OpenCTI errors say whether another attempt can help; anything else (a bug, a
  // surprise from a library) is retried, and ends in error on the last attempt.
  const permanent = (error instanceof PipelineError || error instanceof OpenCtiError) && !error.retryable;
  const lastAttempt = record.receiveCount >= deps.maxReceives;
  if (!permanent && !lastAttempt) {
    const retryAfter = error instanceof RetryableError ? error.retryAfterSeconds : undefined;
    const retryInSeconds = retryDelaySeconds(record.receiveCount, deps.backoff, deps.random, retryAfter);
    deps.logger.warn('Enrichment failed, will retry', {
      messageId: record.messageId,
      workId,
      attempt: record.receiveCount,
      retryInSeconds,
      error: error.message,
    });
    return { status: 'retry', message: error.message, objectCount: 0, retryInSeconds };
  }
  const skipped = error instanceof SkipError;
  const text = skipped
    ? error.message
    : lastAttempt && !permanent
      ? `${error.message} (gave up after ${record.receiveCount} attempts)`
      : error.message;
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
      retryInSeconds: retryDelaySeconds(record.receiveCount, deps.backoff, deps.random),
    };
  }
  if (skipped) return { status: 'skipped', message: text, objectCount: 0 };
  deps.logger.error('Enrichment failed', { messageId: record.messageId, workId, entityId: printable(msg.entityId), error: text });
  // A transient failure on its last attempt goes on to the DLQ; a permanent one is finished (work in error).
  return { status: 'failed', message: text, objectCount: 0, retryInSeconds: permanent ? undefined : 0 };
}

import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { PipelineDeps, RecordOutcome } from './deps';
import { enrichRecord } from './enrich-record';
import { PipelineError } from './errors';
import { recordOutcomeMetrics } from './instrument';
import type { ServiceDefinition } from './service';

/** A record that must come back to the queue (retry, or on to the DLQ); its outcome rides along. */
export class RecordRetryError extends PipelineError {
  override readonly name = 'RecordRetryError';
  readonly retryable = true;
  constructor(
    readonly outcome: RecordOutcome,
    options?: ErrorOptions,
  ) {
    super(`${outcome.status}: ${outcome.message}`, options);
  }
}

/** Processes one SQS record; throws {@link RecordRetryError} when it must be retried or dead-lettered. */
export async function processSqsRecord(record: SQSRecord, deps: PipelineDeps): Promise<RecordOutcome> {
  const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1') || 1;
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.messageAttributes ?? {})) {
    if (typeof value.stringValue === 'string') attributes[name] = value.stringValue;
  }
  const outcome = await enrichRecord(
    { messageId: record.messageId, body: record.body, receiveCount, queueArn: record.eventSourceARN, attributes },
    deps,
  );
  if (deps.metrics) recordOutcomeMetrics(deps.metrics, outcome);
  deps.logger.info('Enrichment finished', {
    messageId: outcome.messageId,
    workId: outcome.workId,
    entityId: outcome.entityId,
    entityType: outcome.entityType,
    outcome: outcome.status,
    objects: outcome.objectCount,
    durationMs: outcome.durationMs,
    detail: outcome.message,
  });
  if (outcome.retryInSeconds === undefined) return outcome;
  try {
    await deps.changeVisibility(record.receiptHandle, record.eventSourceARN, outcome.retryInSeconds);
  } catch (error) {
    // The message still comes back after the queue's own visibility timeout.
    deps.logger.warn('Cannot set the retry delay', { messageId: record.messageId, error: (error as Error).message });
  }
  throw new RecordRetryError(outcome);
}

/**
 * An SQS-triggered Lambda handler for a service: records processed in parallel, each failure
 * reported alone (`batchItemFailures`, the event source needs ReportBatchItemFailures) so one bad
 * record never fails the others. `deps` are built once per container, on the first invocation.
 */
export function createSqsHandler(service: ServiceDefinition, buildDeps?: (service: ServiceDefinition) => Promise<PipelineDeps>) {
  let depsPromise: Promise<PipelineDeps> | undefined;
  const getDeps = () => {
    depsPromise ??= (buildDeps ?? defaultDeps)(service).catch((error: unknown) => {
      depsPromise = undefined;
      throw error;
    });
    return depsPromise;
  };
  return middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const deps = await getDeps();
    const processor = new BatchProcessor(EventType.SQS);
    try {
      return await processPartialResponse(event, (record: SQSRecord) => processSqsRecord(record, deps), processor, {
        context,
        throwOnFullBatchFailure: false,
        processInParallel: true,
      });
    } finally {
      // One EMF record per invocation, written before Lambda freezes the container.
      deps.metrics?.flush();
    }
  });
}

async function defaultDeps(service: ServiceDefinition): Promise<PipelineDeps> {
  const { buildRuntimeDeps } = await import('./runtime');
  return buildRuntimeDeps(service);
}

export {
  CLAIM_CHECK_ATTRIBUTE,
  ClaimCheckError,
  ClaimChecks,
  claimCheckOf,
  type ClaimCheckPointer,
  type ClaimCheckStorage,
} from './claim-check';
export { classifyLookupError, parseRetryAfter } from './classify';
export type { PipelineDeps, RecordOutcome } from './deps';
export { ComeBackLaterError, MalformedMessageError, NonRetryableError, PipelineError, RetryableError, SkipError } from './errors';
export { createSqsHandler, RecordRetryError } from './handler';
export { parseEnrichmentMessage, readableWorkId } from './message';
export { printable } from './printable';
export { applyScorePolicy, type ScorePolicy } from './score-policy';
export { amqpPublisher, apiPublisher } from './publish';
export { assembleBundle } from './assemble';
export { lazyConfirmChannel } from './amqp-channel';
export { retryDelaySeconds, sqsRetryBackoff } from './backoff';
export { buildRuntimeDeps } from './runtime';
export type { LookupContext, MappingContext, ServiceDefinition } from './service';
export { summarizeObjects } from './summary';
export { createVendorHttp, VENDOR_MAX_BYTES } from './vendor-http';

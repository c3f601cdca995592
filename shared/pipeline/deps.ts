import type { AxiosInstance } from 'axios';
import type { Logger } from '../logging/logger';
import type { MetricsSink } from '../metrics/sink';
import type { OpenCtiClient } from '../opencti/client';
import type { TlpLevel } from '../stix/markings';
import type { StixObject } from '../stix/types';
import type { BackoffOptions } from '../retry/backoff';
import type { ClaimChecks } from './claim-check';
import type { PipelineQuota } from './pipeline-quota';
import type { BundlePublisher } from './publish';
import type { ServiceDefinition } from './service';

/** The OpenCTI operations the pipeline uses (an {@link OpenCtiClient} in production). */
export type PipelineOpenCti = Pick<
  OpenCtiClient,
  'workToReceived' | 'workToProcessed' | 'readStixEntity' | 'readEntityMarkings' | 'readWorkName' | 'playbookStepExecution' | 'downloadFile'
>;

/** How one finished record ended, for logs, local statistics and tests. */
export interface RecordOutcome {
  /**
   * `waiting`: the quota or a vendor pause holds the record; a copy was sent with a delay and the
   * work stays in progress. `dead-letter`: the attempts of this copy were spent on an earlier
   * delivery, which reported the failure; it goes back to the queue at once so the queue's redrive
   * moves it to the DLQ.
   */
  status: 'enriched' | 'no-data' | 'skipped' | 'retry' | 'failed' | 'malformed' | 'come-back' | 'waiting' | 'dead-letter';
  messageId: string;
  entityId?: string;
  entityType?: string;
  /** The entity's value or name, for people reading logs. */
  entityName?: string;
  workId?: string | null;
  /** The human message sent to the work (summary, reason or error). */
  message: string;
  /** New objects pushed (not counting the entity and the author). */
  objectCount: number;
  durationMs: number;
  /** Seconds until the next attempt, when the record goes back to the queue. */
  retryInSeconds?: number;
  /** Seconds until the lookup comes back (status `come-back`): a new message was sent with this delay. */
  comeBackInSeconds?: number;
  /** The state the come-back carries to the next lookup (status `come-back`). */
  comeBackState?: unknown;
  /** Seconds until the waiting record's next try (status `waiting`). */
  waitSeconds?: number;
  /** Since when (ms epoch) the record had been waiting for the quota when this delivery began; absent when it was not waiting. */
  waitingSince?: number;
  /** Whether the answer came from the cache (`hit`) or the vendor was to be asked (`miss`); absent when the cache was not consulted. */
  cache?: 'hit' | 'miss';
  /** The bundle published or answered to a playbook, if any. */
  bundleObjectTypes?: Record<string, number>;
}

/** Everything one enrichment needs, built once per Lambda container (or per local connector). */
export interface PipelineDeps {
  service: ServiceDefinition;
  connectorId: string;
  maxTlp: TlpLevel;
  /** Variable names, for messages that tell the user what to fix. */
  variables: { apiKey: string; maxTlp: string; replaceWithLowerScore: string };
  /** `<SERVICE>_REPLACE_WITH_LOWER_SCORE`: the service may lower a higher score the entity has. */
  replaceWithLowerScore: boolean;
  /** The service's own settings, parsed (`ServiceDefinition.options`). */
  options: Record<string, unknown>;
  /** `CONNECTOR_UPDATE_EXISTING_DATA`. */
  update: boolean;
  /** The queue's maxReceiveCount: the attempt after which a message goes to the DLQ. */
  maxReceives: number;
  /** Delays between attempts, `sqsRetryBackoff` of the settings in production. */
  backoff: BackoffOptions;
  opencti: PipelineOpenCti;
  publisher: BundlePublisher;
  vendorHttp: AxiosInstance;
  apiKey?: string;
  author: StixObject;
  logger: Logger;
  clock: () => Date;
  random: () => number;
  /** Hides a failed record for `seconds` before its next attempt (SQS ChangeMessageVisibility). */
  changeVisibility: (receiptHandle: string, queueArn: string, seconds: number) => Promise<void>;
  /**
   * Sends the record's message again, unchanged, with an SQS delay and the lookup's come-back
   * state (see {@link comeBackAttributes}); the record itself is then finished.
   */
  sendAgain: (message: { body: string; queueArn: string; attributes: Record<string, string> }, delaySeconds: number) => Promise<void>;
  /**
   * Quota governance: shared rate limits, the vendor pause, the answer cache, private addresses.
   * @default none: every lookup calls the vendor, a 429 is retried like any failure (tools and tests)
   */
  quota?: PipelineQuota;
  /**
   * Reads the bodies the bridge stored aside (messages too large for SQS), from this connector's
   * claim-check folder or bucket only, and deletes local ones once finished.
   * @default none: a claim-checked message cannot be read (retried, then dead-lettered)
   */
  claimChecks?: Pick<ClaimChecks, 'read' | 'release'>;
  /** Called with every outcome (local mode prints and counts them). */
  onOutcome?: (outcome: RecordOutcome) => void;
  /** This connector's metrics (outcomes here; vendor and publish timings where those clients are built). @default none */
  metrics?: MetricsSink;
}

import type { SQSBatchResponse } from 'aws-lambda';
import type { QuotaSettings } from '../../shared/config/quota-settings';
import { createSqsHandler, type PipelineDeps, type RecordOutcome } from '../../shared/pipeline';
import { pipelineQuota } from '../../shared/pipeline/pipeline-quota';
import { MemoryQuotaStore, parseRateLimit } from '../../shared/quota';
import type { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import type { ScriptedVendor } from '../helpers/scripted-vendor';
import { openctiSchema } from '../helpers/graphql-schema';
import { hasSharedReference } from '../helpers/shared-reference';
import { fakeClock } from '../quota/stores';
import { harness, lambdaContext, NOW, sqsEvent, type Harness } from './fake-service';

/** What a test sets of a connector's quota settings; the rest as a fresh connector has them. */
export interface QuotaOptions extends Partial<Omit<QuotaSettings, 'rateLimit'>> {
  /** As `FAKE_INTEL_RATE_LIMIT` is written. @default 'none' */
  rateLimit?: string;
}

export interface QuotaHarness extends Harness {
  clock: ReturnType<typeof fakeClock>;
  store: MemoryQuotaStore;
  outcomes: RecordOutcome[];
  /** Delivers records as one SQS batch to the service's handler. */
  deliver(
    records: Array<{ id: string; body: string; receiveCount?: number; attributes?: Record<string, string> }>,
  ): Promise<SQSBatchResponse>;
  /** Delivers the copies sent so far (waits, come-backs) that are due by now, and forgets them. */
  deliverDue(): Promise<SQSBatchResponse>;
}

/**
 * The pipeline harness with quota governance: one in-memory store and the pipeline on the same
 * fake clock, which the test moves. Copies sent for a wait are kept with the time they are due.
 */
export function quotaHarness(
  platform: OpenCtiStandIn,
  vendor: ScriptedVendor,
  options: QuotaOptions = {},
  overrides: Partial<PipelineDeps> = {},
): QuotaHarness {
  const clock = fakeClock(NOW.getTime());
  const store = new MemoryQuotaStore({ now: clock.now });
  const settings: QuotaSettings = {
    manualReserve: 0.2,
    cacheTtlSeconds: 0,
    manualBypassCache: false,
    skipPrivateAddresses: true,
    onQuotaExhausted: 'wait',
    ...options,
    rateLimit: parseRateLimit(options.rateLimit ?? 'none', 'FAKE_INTEL_RATE_LIMIT'),
  };
  const outcomes: RecordOutcome[] = [];
  const h = harness(platform, vendor, {
    clock: () => new Date(clock.now()),
    quota: pipelineQuota(settings, store, 'FAKE_INTEL'),
    onOutcome: (outcome) => outcomes.push(outcome),
    ...overrides,
  });
  const due: Array<{ at: number; body: string; attributes: Record<string, string> }> = [];
  const handler = createSqsHandler(h.deps.service, async () => h.deps);
  let copies = 0;
  const deliver: QuotaHarness['deliver'] = async (records) => {
    const sentBefore = h.sent.length;
    const response = await handler(sqsEvent(records), lambdaContext);
    for (const copy of h.sent.slice(sentBefore)) due.push({ at: clock.now() + copy.delaySeconds * 1000, ...copy });
    return response;
  };
  return {
    ...h,
    clock,
    store,
    outcomes,
    deliver,
    deliverDue: async () => {
      const ready = due.filter((c) => c.at <= clock.now());
      for (const c of ready) due.splice(due.indexOf(c), 1);
      if (ready.length === 0) return { batchItemFailures: [] };
      return deliver(ready.map((c) => ({ id: `copy-${++copies}`, body: c.body, attributes: c.attributes })));
    },
  };
}

/** Builds the platform schema the stand-in validates with before a test times its first request. */
export function warmUpSchema(): void {
  if (hasSharedReference()) openctiSchema();
}

import { cacheKey } from '../quota/cache-key';
import { QuotaContentionError } from '../quota/errors';
import type { CallPriority } from '../quota/quota-store';
import type { StixObject } from '../stix/types';
import type { QuotaWaitState } from './attempts';
import { callPriority } from './call-priority';
import type { PipelineDeps } from './deps';
import type { EnrichmentMessage } from './message';
import type { PipelineQuota, SharedAnswer } from './pipeline-quota';
import { skipNonPublic } from './non-public-skip';
import { callUnderQuota, callVendor, fromCachedForm } from './vendor-call';

/** Why a record must wait before its vendor call, and until when. */
export interface QuotaRefusal {
  /** `window`: a rate-limit window is full; `paused`: the vendor asked to slow down; `probing`: another call checks whether it recovered; `contention`: too many workers at once. */
  reason: 'window' | 'paused' | 'probing' | 'contention';
  /** Not before this time (ms epoch). */
  retryAt: number;
  /** The full window (`4/m`) and the calls this priority may make in it, for `window`. */
  window?: string;
  limit?: number;
  /** The vendor's rate-limited answer that started the pause, when this record got it. */
  vendorSaid?: string;
}

/** What a governed lookup ends in: the vendor's answer (fresh, shared or cached), or a wait. */
export type LookupAnswer =
  | { kind: 'answer'; result: unknown; cache?: 'hit' | 'miss'; cachedAgeMs?: number }
  | { kind: 'wait'; refusal: QuotaRefusal; cache?: 'hit' | 'miss'; priority?: CallPriority };

export interface GovernedLookupInput {
  msg: EnrichmentMessage;
  entity: StixObject;
  entityType: string;
  attributes?: Record<string, string>;
  /** Set when the record arrives after waiting for the quota. */
  waiting?: QuotaWaitState;
}

/**
 * The vendor call of one record, governed by the connector's quota (see shared/quota): addresses
 * no vendor can know are skipped; a cached answer, or the answer of the same lookup under way in
 * this process, is reused; otherwise a slot of every window is taken (or the record waits), the
 * cache is checked once more if the record had waited, and the vendor is called. Without quota
 * deps the vendor is simply called. Errors come out classified, as `callVendor` throws them.
 */
export async function governedLookup(input: GovernedLookupInput, deps: PipelineDeps): Promise<LookupAnswer> {
  const quota = deps.quota;
  if (!quota) return { kind: 'answer', result: await callVendor(input, deps) };
  if (quota.skipPrivateAddresses) skipNonPublic(input.entity, input.entityType, deps.service.author);
  const askedBy = new AskedBy(input, deps);
  const bypass = quota.manualBypassCache && (await askedBy.priority()) === 'manual';
  const key =
    quota.cacheTtlSeconds > 0 && !bypass
      ? cacheKey({ service: deps.service.name, entityType: input.entityType, value: input.entity.id })
      : undefined;
  const running = key === undefined ? undefined : quota.inFlight.get(key);
  const shared = running && (await running);
  if (shared) return { kind: 'answer', result: shared.result, cache: 'hit', cachedAgeMs: 0 };
  // The first record of an entity leads: the same lookups of this process meanwhile wait for its answer.
  const lead = key !== undefined && !running ? leadLookup(key, quota) : undefined;
  try {
    const answer = await lookUpOnce(input, key, quota, deps, askedBy);
    if (answer.kind === 'answer') lead?.share({ result: answer.result });
    return answer;
  } finally {
    lead?.end();
  }
}

/** The cache, then a slot of the quota, then the vendor; see {@link governedLookup}. */
async function lookUpOnce(
  input: GovernedLookupInput,
  key: string | undefined,
  quota: PipelineQuota,
  deps: PipelineDeps,
  askedBy: AskedBy,
): Promise<LookupAnswer> {
  if (key) {
    const cached = await cachedAnswer(key, quota);
    if (cached) return { kind: 'answer', ...cached, cache: 'hit' };
  }
  const cache = key ? ('miss' as const) : undefined;
  let granted;
  try {
    // Priority matters only against a window; without one no work name is read for it.
    granted = await quota.store.acquire(deps.connectorId, quota.policy, quota.policy.windows.length ? await askedBy.priority() : 'auto');
  } catch (error) {
    if (!(error instanceof QuotaContentionError)) throw error;
    const retryAt = deps.clock().getTime() + 2_000 + Math.round(deps.random() * 3_000);
    return { kind: 'wait', refusal: { reason: 'contention', retryAt }, cache, priority: askedBy.known };
  }
  if (!granted.granted) {
    const { granted: _refused, ...refusal } = granted;
    return { kind: 'wait', refusal, cache, priority: askedBy.known };
  }
  if (key && input.waiting) {
    // Records of the same entity often wait side by side: another worker may have cached the answer meanwhile.
    const cached = await cachedAnswer(key, quota);
    if (cached) return { kind: 'answer', ...cached, cache: 'hit' };
  }
  const called = await callUnderQuota(input, granted, key, quota, deps);
  if ('paused' in called) {
    const refusal: QuotaRefusal = { reason: 'paused', retryAt: called.paused.until, vendorSaid: called.paused.said };
    return { kind: 'wait', refusal, cache, priority: askedBy.known };
  }
  return { kind: 'answer', result: called.result, cache };
}

/** Who asked (manual or auto), decided once and only when a decision needs it; a waiting copy carries it. */
class AskedBy {
  known?: CallPriority;
  constructor(
    private readonly input: GovernedLookupInput,
    private readonly deps: PipelineDeps,
  ) {
    this.known = input.waiting?.priority;
  }

  async priority(): Promise<CallPriority> {
    return (this.known ??= await callPriority(this.input.msg, this.deps));
  }
}

/** A fresh cached answer, or undefined. */
async function cachedAnswer(key: string, quota: PipelineQuota): Promise<{ result: unknown; cachedAgeMs: number } | undefined> {
  const cached = await quota.store.getCached(key);
  if (cached === undefined) return undefined;
  const decoded = fromCachedForm(cached.value);
  return decoded === 'miss' ? undefined : { result: decoded.result, cachedAgeMs: cached.ageMs };
}

/** Registers this record as the one looking `key` up in this process, until {@link end}. */
function leadLookup(key: string, quota: PipelineQuota): { share: (answer: SharedAnswer) => void; end: () => void } {
  let settle: (answer: SharedAnswer | undefined) => void = () => undefined;
  const promise = new Promise<SharedAnswer | undefined>((resolve) => (settle = resolve));
  quota.inFlight.set(key, promise);
  return {
    share: (answer) => settle(answer),
    end: () => {
      // Those waiting on a lookup that ended without an answer (it waits, or failed) go on their own.
      settle(undefined);
      if (quota.inFlight.get(key) === promise) quota.inFlight.delete(key);
    },
  };
}

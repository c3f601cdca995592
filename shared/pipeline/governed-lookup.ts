import { cacheKey } from '../quota/cache-key';
import { QuotaContentionError } from '../quota/errors';
import { nonPublicRange, type NonPublicRange } from '../quota/non-public-address';
import type { CallPriority } from '../quota/quota-store';
import type { StixObject } from '../stix/types';
import type { QuotaWaitState } from './attempts';
import { callPriority } from './call-priority';
import type { PipelineDeps } from './deps';
import { SkipError } from './errors';
import type { EnrichmentMessage } from './message';
import type { PipelineQuota } from './pipeline-quota';
import { printable } from './printable';
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

const ADDRESS_TYPES = new Set(['IPv4-Addr', 'IPv6-Addr']);
const RANGE_WORDS: Record<NonPublicRange, string> = {
  private: 'a private',
  loopback: 'a loopback',
  'link-local': 'a link-local',
  shared: 'a shared (carrier-grade NAT)',
  'unique-local': 'a unique local',
  'site-local': 'a site-local',
  multicast: 'a multicast',
  unspecified: 'the unspecified',
  broadcast: 'the broadcast',
  documentation: 'a documentation',
  benchmarking: 'a benchmarking',
  reserved: 'a reserved',
};

/** "10.0.0.1 is a private address: not sent to AbuseIPDB": an address no vendor can know never leaves. */
function skipNonPublic(input: GovernedLookupInput, deps: PipelineDeps, quota: PipelineQuota): void {
  const value = input.entity.value;
  if (!quota.skipPrivateAddresses || !ADDRESS_TYPES.has(input.entityType) || typeof value !== 'string') return;
  const range = nonPublicRange(value);
  if (range === undefined) return;
  const what = value.includes('/') ? 'network' : 'address';
  throw new SkipError(`${printable(value.trim())} is ${RANGE_WORDS[range]} ${what}: not sent to ${deps.service.author}`);
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
  skipNonPublic(input, deps, quota);
  let priority = input.waiting?.priority;
  const priorityOf = async (): Promise<CallPriority> => (priority ??= await callPriority(input.msg, deps));

  const bypass = quota.manualBypassCache && (await priorityOf()) === 'manual';
  const key =
    quota.cacheTtlSeconds > 0 && !bypass
      ? cacheKey({ service: deps.service.name, entityType: input.entityType, value: input.entity.id })
      : undefined;
  if (key) {
    const reused = await reusedAnswer(key, quota);
    if (reused) return { kind: 'answer', ...reused, cache: 'hit' };
  }
  const cache = key ? ('miss' as const) : undefined;

  let granted;
  try {
    // Priority matters only against a window; without one no work name is read for it.
    granted = await quota.store.acquire(deps.connectorId, quota.policy, quota.policy.windows.length ? await priorityOf() : 'auto');
  } catch (error) {
    if (!(error instanceof QuotaContentionError)) throw error;
    const retryAt = deps.clock().getTime() + 2_000 + Math.round(deps.random() * 3_000);
    return { kind: 'wait', refusal: { reason: 'contention', retryAt }, cache, priority };
  }
  if (!granted.granted) {
    const { granted: _refused, ...refusal } = granted;
    return { kind: 'wait', refusal, cache, priority };
  }

  if (key && input.waiting) {
    // Records of the same entity often wait side by side: one of them may have cached the answer meanwhile.
    const cached = await quota.store.getCached(key);
    const decoded = cached && fromCachedForm(cached.value);
    if (cached && decoded !== 'miss' && decoded) return { kind: 'answer', ...decoded, cache: 'hit', cachedAgeMs: cached.ageMs };
  }
  const called = await callUnderQuota(input, granted, key, quota, deps);
  if ('paused' in called) {
    return { kind: 'wait', refusal: { reason: 'paused', retryAt: called.paused.until, vendorSaid: called.paused.said }, cache, priority };
  }
  return { kind: 'answer', result: called.result, cache };
}

/** The answer of the same lookup under way in this process, or cached and still fresh. */
async function reusedAnswer(key: string, quota: PipelineQuota): Promise<{ result: unknown; cachedAgeMs: number } | undefined> {
  const running = quota.inFlight.get(key);
  const shared = running && (await running);
  if (shared) return { result: shared.result, cachedAgeMs: 0 };
  const cached = await quota.store.getCached(key);
  if (cached === undefined) return undefined;
  const decoded = fromCachedForm(cached.value);
  return decoded === 'miss' ? undefined : { result: decoded.result, cachedAgeMs: cached.ageMs };
}

import type { CallGranted } from '../quota/quota-store';
import type { StixObject } from '../stix/types';
import { classifyLookupError } from './classify';
import { comeBackStateOf } from './come-back';
import type { PipelineDeps } from './deps';
import { ComeBackLaterError, RetryableError } from './errors';
import type { PipelineQuota } from './pipeline-quota';

/** What a vendor call needs of the record. */
export interface VendorCallInput {
  entity: StixObject;
  entityType: string;
  /** The record's message attributes (a come-back's state). */
  attributes?: Record<string, string>;
}

/**
 * Calls the service's lookup once. Whatever it throws comes out classified (a pipeline error as
 * it is, HTTP failures typed by `classifyLookupError`); undefined means the vendor has no data.
 */
export async function callVendor(input: VendorCallInput, deps: PipelineDeps): Promise<unknown> {
  try {
    return await deps.service.lookup({
      http: deps.vendorHttp,
      baseUrl: String(deps.vendorHttp.defaults.baseURL ?? ''),
      apiKey: deps.apiKey,
      entity: input.entity,
      entityType: input.entityType,
      resume: comeBackStateOf(input.attributes ?? {}),
      options: deps.options,
      openctiFile: (uri, maxBytes) => deps.opencti.downloadFile(uri, maxBytes),
    });
  } catch (error) {
    const { name, classifyError } = deps.service;
    throw classifyLookupError(error, { name, keyVariable: deps.variables.apiKey, classifyError }, deps.clock().getTime());
  }
}

/** How an answer sits in the cache: "no data" is an answer too, and saves a call as much as data does. */
type CachedForm = { answer: unknown } | { noData: true };

/** The cached form of a lookup's result. */
export const toCachedForm = (result: unknown): CachedForm => (result === undefined ? { noData: true } : { answer: result });

/** The lookup's result from its cached form; `miss` for a value this code did not write. */
export function fromCachedForm(value: unknown): { result: unknown } | 'miss' {
  if (value && typeof value === 'object') {
    if ('noData' in value) return { result: undefined };
    if ('answer' in value) return { result: (value as { answer: unknown }).answer };
  }
  return 'miss';
}

/** The vendor pause a rate-limited answer asks for, when the call was refused with one. */
export interface VendorPause {
  /** The pause's end, as the store set it (ms epoch). */
  until: number;
  /** The vendor's answer, as classified ("... rate limited (HTTP 429)"). */
  said: string;
}

/**
 * One vendor call under a granted slot: a probe's success closes the pause and the answer is
 * cached (when `key` is set); a rate-limited answer pauses the connector for every worker and
 * comes back as the pause (the record then waits). Other failures are thrown: a probe's lease
 * simply runs out and another caller probes.
 */
export async function callUnderQuota(
  input: VendorCallInput,
  granted: CallGranted,
  key: string | undefined,
  quota: PipelineQuota,
  deps: PipelineDeps,
): Promise<{ result: unknown } | { paused: VendorPause }> {
  let result: unknown;
  try {
    result = await callVendor(input, deps);
  } catch (error) {
    // A submitted analysis is the vendor answering: the pause is over for everyone.
    if (error instanceof ComeBackLaterError) await closePause(granted, quota, deps);
    if (!(error instanceof RetryableError && error.rateLimited)) throw error;
    const now = deps.clock().getTime();
    const asked = error.retryAfterSeconds === undefined ? undefined : now + error.retryAfterSeconds * 1000;
    const until = await quota.store.pause(deps.connectorId, asked);
    deps.logger.warn('Vendor asked to slow down: connector paused', {
      pausedUntil: new Date(until).toISOString(),
      probe: granted.probe !== undefined,
      error: error.message,
    });
    return { paused: { until, said: error.message } };
  }
  await closePause(granted, quota, deps);
  if (key)
    await bestEffort('Cannot cache the vendor answer', deps, () => quota.store.putCached(key, toCachedForm(result), quota.cacheTtlSeconds));
  return { result };
}

async function closePause(granted: CallGranted, quota: PipelineQuota, deps: PipelineDeps): Promise<void> {
  const probe = granted.probe;
  if (probe === undefined) return;
  if (await bestEffort('Cannot end the vendor pause after a successful probe', deps, () => quota.store.resume(deps.connectorId, probe)))
    deps.logger.info('Vendor answers again: connector pause over');
}

/**
 * Runs a store write whose failure must not cost the vendor answer already in hand: the record
 * goes on, the failure is logged. (An uncached answer is asked again later; a probe whose success
 * was not recorded lets its lease run out, and another caller probes.)
 */
async function bestEffort(what: string, deps: PipelineDeps, write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    deps.logger.warn(what, { error: (error as Error).message });
    return false;
  }
}

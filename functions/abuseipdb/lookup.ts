import { isAxiosError } from 'axios';
import { isIP } from 'node:net';
import * as z from 'zod';
import { NonRetryableError, RetryableError, SkipError } from '../../shared/pipeline/errors';
import type { LookupContext } from '../../shared/pipeline/service';
import { checkResponseSchema, type AbuseIpdbCheck } from './schema';

/**
 * AbuseIPDB only has daily quotas, so its 429 means "today's checks are used up" and `Retry-After`
 * says when the quota resets (at most a day). Retrying then succeeds, and the pipeline can hide the
 * message that long (up to SQS's 12 h, then once more), so the entity is enriched after the reset
 * instead of ending in error; the message says why it waits.
 */
function quotaError(error: unknown): RetryableError | undefined {
  if (!isAxiosError(error) || error.response?.status !== 429) return undefined;
  const headers = error.response.headers;
  const retryAfter = Number(headers['retry-after']);
  const limit = headers['x-ratelimit-limit'];
  return new RetryableError(`AbuseIPDB daily check quota${limit ? ` (${limit} a day)` : ''} is used up; retrying after it resets`, {
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    cause: error,
  });
}

/**
 * `GET /check` for the entity's address, with its reports of the last year. Returns undefined
 * when AbuseIPDB has nothing to say: no report and not whitelisted (the Python connector then
 * sends nothing either, and writing its score of 0 would overwrite other connectors' scores).
 */
export async function lookupAbuseIpdb(ctx: LookupContext): Promise<AbuseIpdbCheck | undefined> {
  const ip = typeof ctx.entity.value === 'string' ? ctx.entity.value.trim() : '';
  if (isIP(ip) === 0) throw new SkipError(`"${ip}" is not an IP address`);
  if (!ctx.apiKey) throw new NonRetryableError('abuseipdb needs an API key: set ABUSEIPDB_API_KEY or ABUSEIPDB_API_KEY_SECRET');

  const response = await ctx.http
    .get<unknown>('/check', {
      params: { ipAddress: ip, maxAgeInDays: 365, verbose: 'True' },
      headers: { Key: ctx.apiKey, Accept: 'application/json' },
    })
    .catch((error: unknown) => {
      throw quotaError(error) ?? error;
    });

  const parsed = checkResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    throw new NonRetryableError(`abuseipdb: unexpected answer from GET /check: ${z.prettifyError(parsed.error)}`);
  }
  const check = parsed.data.data;
  return check.isWhitelisted || check.reports.length > 0 ? check : undefined;
}

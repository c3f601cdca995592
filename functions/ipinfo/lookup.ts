import { isAxiosError } from 'axios';
import { isIP } from 'node:net';
import * as z from 'zod';
import { NonRetryableError, RetryableError, SkipError } from '../../shared/pipeline/errors';
import type { LookupContext } from '../../shared/pipeline/service';
import { ipInfoResponseSchema, type IpInfo } from './schema';

/**
 * IPinfo has no per-second throttling; its 429 means the token's monthly request quota is used up,
 * which no retry within SQS's window can fix, so it ends the work in error naming the setting to
 * change. Should IPinfo ever send `Retry-After`, it is a short throttle and worth waiting for.
 */
function quotaError(error: unknown): Error | undefined {
  if (!isAxiosError(error) || error.response?.status !== 429) return undefined;
  const retryAfter = Number(error.response.headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) {
    return new RetryableError('ipinfo: rate limited (HTTP 429)', { retryAfterSeconds: retryAfter, cause: error });
  }
  return new NonRetryableError(
    "ipinfo: the token's monthly request quota is used up (HTTP 429); upgrade the plan behind IPINFO_API_KEY or wait for next month",
    { cause: error },
  );
}

/** What IPinfo knows that is worth mapping: a bogon, or an answer with no place and no network, is no data. */
const hasData = (info: IpInfo): boolean => !info.bogon && Boolean(info.country || info.city || info.asn || info.org);

/** `GET /{ip}/json/?token=…`, the token in the query string as IPinfo and the Python connector use it. */
export async function lookupIpInfo(ctx: LookupContext): Promise<IpInfo | undefined> {
  const ip = typeof ctx.entity.value === 'string' ? ctx.entity.value.trim() : '';
  if (isIP(ip) === 0) throw new SkipError(`"${ip}" is not an IP address`);
  if (!ctx.apiKey) throw new NonRetryableError('ipinfo needs a token: set IPINFO_API_KEY or IPINFO_API_KEY_SECRET');

  const response = await ctx.http
    .get<unknown>(`/${ip}/json/`, {
      params: { token: ctx.apiKey },
      headers: { Accept: 'application/json' },
      // 404 is IPinfo's "Wrong ip" answer: nothing to say about this value.
      validateStatus: (status) => (status >= 200 && status < 300) || status === 404,
    })
    .catch((error: unknown) => {
      throw quotaError(error) ?? error;
    });
  if (response.status === 404) return undefined;

  const parsed = ipInfoResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    throw new NonRetryableError(`ipinfo: unexpected answer from GET /${ip}/json/: ${z.prettifyError(parsed.error)}`);
  }
  return hasData(parsed.data) ? parsed.data : undefined;
}

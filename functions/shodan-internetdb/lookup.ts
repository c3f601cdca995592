import { isIP } from 'node:net';
import * as z from 'zod';
import { NonRetryableError, SkipError } from '../../shared/pipeline/errors';
import type { LookupContext } from '../../shared/pipeline/service';
import { hostResponseSchema, type InternetDbHost } from './schema';

/**
 * `GET /{ip}`. InternetDB answers 404 `{"detail": "No information available"}` for addresses it
 * has not seen: no data, not an error. It has no key and no quota, only a rate limit (429), which
 * the pipeline retries like any 429.
 */
export async function lookupInternetDb(ctx: LookupContext): Promise<InternetDbHost | undefined> {
  const ip = typeof ctx.entity.value === 'string' ? ctx.entity.value.trim() : '';
  if (isIP(ip) === 0) throw new SkipError(`"${ip}" is not an IP address`);

  const response = await ctx.http.get<unknown>(`/${ip}`, {
    headers: { Accept: 'application/json' },
    validateStatus: (status) => (status >= 200 && status < 300) || status === 404,
  });
  if (response.status === 404) return undefined;

  const parsed = hostResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    throw new NonRetryableError(`shodan-internetdb: unexpected answer from GET /${ip}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

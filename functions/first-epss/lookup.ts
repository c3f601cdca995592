import * as z from 'zod';
import { NonRetryableError, SkipError } from '../../shared/pipeline/errors';
import type { LookupContext } from '../../shared/pipeline/service';
import { epssResponseSchema, type EpssScore } from './schema';

const CVE = /^CVE-\d{4}-\d{4,}$/i;

/**
 * `GET /epss?cve=…` for the vulnerability's name. FIRST answers an unknown or too recent CVE with
 * an empty `data` list: no data. The API is public and keyless; its 429 is a plain rate limit the
 * pipeline retries.
 */
export async function lookupEpss(ctx: LookupContext): Promise<EpssScore | undefined> {
  const name = typeof ctx.entity.name === 'string' ? ctx.entity.name.trim() : '';
  if (!CVE.test(name)) throw new SkipError(`"${name}" is not a CVE id: EPSS only scores CVEs`);
  const cve = name.toUpperCase();

  const response = await ctx.http.get<unknown>('/epss', { params: { cve }, headers: { Accept: 'application/json' } });
  const parsed = epssResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    throw new NonRetryableError(`first-epss: unexpected answer from GET /epss: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data.data.find((row) => row.cve.toUpperCase() === cve);
}

import { cveOf, getJson, type LookupContext } from '../../shared/service-kit';
import { epssResponseSchema, type EpssScore } from './schema';

/**
 * `GET /epss?cve=…` for the vulnerability's CVE id (a vulnerability named otherwise is skipped:
 * EPSS only scores CVEs). FIRST answers an unknown or too recent CVE with an empty `data` list: no
 * data. The API is public and keyless; its 429 is a plain rate limit the pipeline retries.
 */
export async function lookupEpss(ctx: LookupContext): Promise<EpssScore | undefined> {
  const cve = cveOf(ctx.entity);
  const answer = await getJson(ctx, '/epss', epssResponseSchema, { params: { cve } });
  return answer.data.find((row) => row.cve.toUpperCase() === cve);
}

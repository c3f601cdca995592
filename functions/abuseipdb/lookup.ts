import { getJson, ipAddressOf, type LookupContext } from '../../shared/service-kit';
import { checkResponseSchema, type AbuseIpdbCheck } from './schema';

/**
 * `GET /check` for the entity's address, with its reports of the last year. Returns undefined
 * when AbuseIPDB has nothing to say: no report and not whitelisted (the Python connector then
 * sends nothing either, and writing its score of 0 would overwrite other connectors' scores).
 * Its 429 is read by {@link abuseIpdbQuotaError}.
 */
export async function lookupAbuseIpdb(ctx: LookupContext): Promise<AbuseIpdbCheck | undefined> {
  const ipAddress = ipAddressOf(ctx.entity);
  const { data: check } = await getJson(ctx, '/check', checkResponseSchema, {
    params: { ipAddress, maxAgeInDays: 365, verbose: 'True' },
    headers: { Key: ctx.apiKey },
  });
  return check.isWhitelisted || check.reports.length > 0 ? check : undefined;
}

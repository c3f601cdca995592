import { getJson, ipAddressOf, vendorPath, type LookupContext } from '../../shared/service-kit';
import type { CrowdsecOptions } from './options';
import { smokeResponseSchema, type CrowdsecAnswer } from './schema';

/**
 * `GET /smoke/{ip}` for the entity's address. CrowdSec answers 404 for an address it has no
 * report on; an answer of reputation `unknown` with nothing in it (reports older than three
 * months) is no data either, so nothing is written for it. Its 429s are read by {@link crowdsecQuotaError}.
 */
export async function lookupCrowdsec(ctx: LookupContext<CrowdsecOptions>): Promise<CrowdsecAnswer | undefined> {
  const ip = ipAddressOf(ctx.entity);
  const answer = await getJson(ctx, vendorPath`/smoke/${ip}`, smokeResponseSchema, {
    headers: { 'x-api-key': ctx.apiKey },
    notFoundIsNoData: true,
  });
  if (!answer) return undefined;
  const known = answer.reputation !== undefined && answer.reputation !== 'unknown';
  const reported = [answer.behaviors, answer.attack_details, answer.mitre_techniques, answer.cves].some((l) => l.length > 0);
  return known || reported ? answer : undefined;
}

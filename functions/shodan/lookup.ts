import { ipAddressOf, vendorPath, type LookupContext } from '../../shared/service-kit';
import { lookupQuery } from './query';
import type { ShodanOptions, ShodanResult } from './result';
import { hostSchema } from './schema';
import { getShodanJson } from './shodan-json';

/**
 * An address: `GET /shodan/host/{ip}` (IPv6 too; Shodan answers for the IPv6 hosts it scans). An
 * Indicator whose pattern is a Shodan query: its count and facets, and the first page of hosts
 * ({@link lookupQuery}). Shodan's 404 ("No information available for that IP.") is no data.
 */
export async function lookupShodan(ctx: LookupContext<ShodanOptions>): Promise<ShodanResult | undefined> {
  if (ctx.entity.type === 'indicator') return lookupQuery(ctx);
  const ip = ipAddressOf(ctx.entity);
  const host = await getShodanJson(ctx, vendorPath`/shodan/host/${ip}`, hostSchema);
  return host && { kind: 'host', host };
}

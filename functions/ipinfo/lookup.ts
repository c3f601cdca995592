import { getJson, ipAddressOf, vendorPath, type LookupContext } from '../../shared/service-kit';
import { ipInfoResponseSchema, type IpInfo } from './schema';

/** What IPinfo knows that is worth mapping: a bogon, or an answer with no place and no network, is no data. */
const hasData = (info: IpInfo): boolean => !info.bogon && Boolean(info.country || info.city || info.asn || info.org);

/**
 * `GET /{ip}/json/` with the token as `Authorization: Bearer …`, which IPinfo takes as well as the
 * Python connector's `?token=`: a query string ends up in proxies' and servers' logs. 404 is IPinfo's "Wrong ip" answer: nothing to say about this value. Its 429 is read by
 * {@link ipInfoQuotaError}.
 */
export async function lookupIpInfo(ctx: LookupContext): Promise<IpInfo | undefined> {
  const ip = ipAddressOf(ctx.entity);
  const info = await getJson(ctx, vendorPath`/${ip}/json/`, ipInfoResponseSchema, {
    headers: { Authorization: `Bearer ${ctx.apiKey}` },
    notFoundIsNoData: true,
  });
  return info && hasData(info) ? info : undefined;
}

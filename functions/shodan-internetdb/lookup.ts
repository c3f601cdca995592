import { getJson, ipAddressOf, vendorPath, type LookupContext } from '../../shared/service-kit';
import { hostResponseSchema, type InternetDbHost } from './schema';

/**
 * `GET /{ip}`. InternetDB answers 404 `{"detail": "No information available"}` for addresses it
 * has not seen: no data, not an error. It has no key and no quota, only a rate limit (429), which
 * the pipeline retries like any 429.
 */
export async function lookupInternetDb(ctx: LookupContext): Promise<InternetDbHost | undefined> {
  const ip = ipAddressOf(ctx.entity);
  return getJson(ctx, vendorPath`/${ip}`, hostResponseSchema, { notFoundIsNoData: true });
}

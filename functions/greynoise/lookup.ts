import { getJson, ipAddressOf, vendorPath, type LookupContext } from '../../shared/service-kit';
import { findingOfCommunityAnswer, findingOfIpAnswer, type GreyNoiseResult } from './finding';
import type { GreyNoiseOptions } from './options';
import { communityAnswerSchema, ipAnswerSchema } from './schema';

/**
 * `GET /v3/ip/{ip}` (the connector's IP lookup), or `GET /v3/community/{ip}` with
 * `GREYNOISE_KEY_TYPE=community`; the key in the `key` header either way. An address neither
 * dataset has (a 404, or both `found: false`) is no data, unless `GREYNOISE_SIGHTING_NOT_SEEN`
 * asks to record that GreyNoise has not seen it.
 */
export async function lookupGreyNoise(ctx: LookupContext<GreyNoiseOptions>): Promise<GreyNoiseResult | undefined> {
  const ip = ipAddressOf(ctx.entity);
  const options = { headers: { key: ctx.apiKey }, notFoundIsNoData: true } as const;
  const finding =
    ctx.options.keyType === 'community'
      ? await getJson(ctx, vendorPath`/v3/community/${ip}`, communityAnswerSchema, options).then((a) => a && findingOfCommunityAnswer(a))
      : await getJson(ctx, vendorPath`/v3/ip/${ip}`, ipAnswerSchema, options).then((a) => a && findingOfIpAnswer(a));
  if (finding) return { kind: 'observed', finding };
  return ctx.options.sightingNotSeen ? { kind: 'not-observed', ip } : undefined;
}

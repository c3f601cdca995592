import type { ServiceDefinition } from '../../shared/service-kit';
import { greyNoiseError } from './errors';
import type { GreyNoiseResult } from './finding';
import { lookupGreyNoise } from './lookup';
import { GREYNOISE_OPTIONS, type GreyNoiseOptions } from './options';
import { greyNoiseToStix } from './to-stix';

/**
 * GreyNoise: whether an address scans the whole internet (and how GreyNoise classifies it), or
 * belongs to a common business service (RIOT).
 * API: https://docs.greynoise.io/reference/v3ip and https://docs.greynoise.io/reference/get_v3-community-ip
 */
export const greynoise: ServiceDefinition<GreyNoiseResult, GreyNoiseOptions> = {
  name: 'greynoise',
  author: 'GreyNoise Intelligence',
  scope: ['IPv4-Addr'],
  apiKey: 'required',
  defaultBaseUrl: 'https://api.greynoise.io',
  // The free community plan's allowance, the safer default whatever GREYNOISE_KEY_TYPE says (the
  // default cannot follow a setting); paid keys raise it with GREYNOISE_RATE_LIMIT (docs/services.md).
  defaultRateLimit: '50/7d',
  defaultCacheTtlSeconds: 86_400,
  options: GREYNOISE_OPTIONS,
  lookup: lookupGreyNoise,
  classifyError: greyNoiseError,
  toStix: greyNoiseToStix,
};

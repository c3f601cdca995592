import type { ServiceDefinition } from '../../shared/service-kit';
import { lookupIpInfo } from './lookup';
import { ipInfoQuotaError } from './quota';
import type { IpInfo } from './schema';
import { ipInfoToStix } from './to-stix';

/**
 * IPinfo: the network (AS) and place (country, region, city) of an address, and on paid plans
 * whether it is a VPN, proxy, Tor exit, relay or hosting address.
 * API: https://ipinfo.io/developers
 */
export const ipinfo: ServiceDefinition<IpInfo> = {
  name: 'ipinfo',
  author: 'IPinfo',
  scope: ['IPv4-Addr', 'IPv6-Addr'],
  apiKey: 'required',
  defaultBaseUrl: 'https://ipinfo.io',
  defaultRateLimit: 'none',
  defaultCacheTtlSeconds: 86_400,
  lookup: lookupIpInfo,
  classifyError: ipInfoQuotaError,
  toStix: ipInfoToStix,
};

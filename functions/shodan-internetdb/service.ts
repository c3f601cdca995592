import type { ServiceDefinition } from '../../shared/service-kit';
import { lookupInternetDb } from './lookup';
import type { InternetDbHost } from './schema';
import { internetDbToStix } from './to-stix';

/**
 * Shodan InternetDB: open ports, hostnames, CPEs, tags and CVEs of an address, free and keyless.
 * API: https://internetdb.shodan.io/docs
 */
export const shodanInternetdb: ServiceDefinition<InternetDbHost> = {
  name: 'shodan-internetdb',
  author: 'Shodan',
  scope: ['IPv4-Addr', 'IPv6-Addr'],
  apiKey: 'none',
  defaultBaseUrl: 'https://internetdb.shodan.io',
  defaultRateLimit: 'none',
  defaultCacheTtlSeconds: 86_400,
  lookup: lookupInternetDb,
  toStix: internetDbToStix,
};

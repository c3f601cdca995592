import type { ServiceDefinition } from '../../shared/service-kit';
import { lookupGoogleDns } from './lookup';
import type { DnsRecords } from './schema';
import { googleDnsToStix } from './to-stix';

/**
 * Google Public DNS over HTTPS (JSON API): the A, AAAA, NS, CNAME, MX and TXT records of a name.
 * API: https://developers.google.com/speed/public-dns/docs/doh/json
 */
export const googleDns: ServiceDefinition<DnsRecords> = {
  name: 'google-dns',
  author: 'Google Public DNS',
  scope: ['Domain-Name', 'Hostname'],
  apiKey: 'none',
  defaultBaseUrl: 'https://dns.google.com',
  defaultRateLimit: 'none',
  defaultCacheTtlSeconds: 3_600,
  lookup: lookupGoogleDns,
  toStix: googleDnsToStix,
};

import type { ServiceDefinition } from '../../shared/service-kit';
import { lookupAbuseIpdb } from './lookup';
import { abuseIpdbQuotaError } from './quota';
import type { AbuseIpdbCheck } from './schema';
import { abuseIpdbToStix } from './to-stix';

/**
 * AbuseIPDB: community abuse reports about IP addresses.
 * API: https://docs.abuseipdb.com/#check-endpoint
 */
export const abuseipdb: ServiceDefinition<AbuseIpdbCheck> = {
  name: 'abuseipdb',
  author: 'AbuseIPDB',
  scope: ['IPv4-Addr', 'IPv6-Addr'],
  apiKey: 'required',
  defaultBaseUrl: 'https://api.abuseipdb.com/api/v2',
  defaultRateLimit: '1000/d',
  defaultCacheTtlSeconds: 86_400,
  lookup: lookupAbuseIpdb,
  classifyError: abuseIpdbQuotaError,
  toStix: abuseIpdbToStix,
};

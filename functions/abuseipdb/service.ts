import type { ServiceDefinition } from '../../shared/pipeline/service';
import { lookupAbuseIpdb } from './lookup';
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
  lookup: lookupAbuseIpdb,
  toStix: abuseIpdbToStix,
};

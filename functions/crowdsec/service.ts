import type { ServiceDefinition } from '../../shared/service-kit';
import { lookupCrowdsec } from './lookup';
import { crowdsecOptionSpecs, type CrowdsecOptions } from './options';
import { crowdsecQuotaError } from './quota';
import type { CrowdsecAnswer } from './schema';
import { crowdsecToStix } from './to-stix';

/**
 * CrowdSec CTI: what the CrowdSec network reports about an address (reputation, behaviours,
 * scenarios, MITRE techniques, CVEs, targeted countries).
 * API: https://docs.crowdsec.net/u/cti_api/api_introduction/ (smoke endpoint, `x-api-key`).
 */
export const crowdsec: ServiceDefinition<CrowdsecAnswer, CrowdsecOptions> = {
  name: 'crowdsec',
  author: 'CrowdSec',
  scope: ['IPv4-Addr', 'IPv6-Addr'],
  apiKey: 'required',
  defaultBaseUrl: 'https://cti.api.crowdsec.net/v2',
  // The free Community key: 50 lookups a day (https://docs.crowdsec.net/u/console/cti/cti_api_keys).
  defaultRateLimit: '50/d',
  // The Python connector skipped re-enrichments within CROWDSEC_MIN_DELAY_BETWEEN_ENRICHMENTS (300 s).
  defaultCacheTtlSeconds: 300,
  options: crowdsecOptionSpecs,
  lookup: lookupCrowdsec,
  classifyError: crowdsecQuotaError,
  toStix: crowdsecToStix,
};

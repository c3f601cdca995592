import { booleanOption, scoreOption, type ServiceDefinition } from '../../shared/service-kit';
import { shodanQuotaError } from './errors';
import { lookupShodan } from './lookup';
import type { ShodanOptions, ShodanResult } from './result';
import { shodanToStix } from './to-stix';

/**
 * Shodan: what Shodan's scanners found on an address (services, certificates, software, CVEs,
 * network and place), and the hosts matching an indicator's Shodan query.
 * API: https://developer.shodan.io/api
 */
export const shodan: ServiceDefinition<ShodanResult, ShodanOptions> = {
  name: 'shodan',
  author: 'Shodan',
  scope: ['IPv4-Addr', 'IPv6-Addr', 'Indicator'],
  apiKey: 'required',
  defaultBaseUrl: 'https://api.shodan.io',
  // "All API methods are rate-limited to 1 request/ second" (https://developer.shodan.io/api).
  defaultRateLimit: '1/s',
  defaultCacheTtlSeconds: 86_400,
  options: {
    useIspNameForAsn: booleanOption(false),
    createNote: booleanOption(true),
    importSearchResults: booleanOption(true),
    defaultScore: scoreOption(),
  },
  lookup: lookupShodan,
  classifyError: shodanQuotaError,
  toStix: shodanToStix,
};

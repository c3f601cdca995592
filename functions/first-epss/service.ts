import type { ServiceDefinition } from '../../shared/service-kit';
import { lookupEpss } from './lookup';
import type { EpssScore } from './schema';
import { epssToStix } from './to-stix';

/**
 * FIRST EPSS: the probability that a CVE is exploited in the next 30 days, and its percentile.
 * API: https://api.first.org/epss
 */
export const firstEpss: ServiceDefinition<EpssScore> = {
  name: 'first-epss',
  author: 'FIRST EPSS',
  scope: ['Vulnerability'],
  apiKey: 'none',
  defaultBaseUrl: 'https://api.first.org/data/v1',
  defaultRateLimit: 'none',
  defaultCacheTtlSeconds: 86_400,
  lookup: lookupEpss,
  toStix: epssToStix,
};

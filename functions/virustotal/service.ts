import type { ServiceDefinition } from '../../shared/service-kit';
import { virusTotalError } from './errors';
import { lookupVirusTotal, type VirusTotalReport } from './lookup';
import { virusTotalOptionSpecs, type VirusTotalOptions } from './options';
import { virusTotalToStix } from './to-stix';

/**
 * VirusTotal: what its antivirus engines and URL scanners say about an address, domain, URL or
 * file, with the YARA rules a file matches. API v3: https://docs.virustotal.com/reference/overview
 */
export const virustotal: ServiceDefinition<VirusTotalReport, VirusTotalOptions> = {
  name: 'virustotal',
  author: 'VirusTotal',
  scope: ['IPv4-Addr', 'IPv6-Addr', 'Domain-Name', 'Hostname', 'Url', 'StixFile', 'Artifact'],
  apiKey: 'required',
  defaultBaseUrl: 'https://www.virustotal.com/api/v3',
  // The public API: https://docs.virustotal.com/reference/public-vs-premium-api
  defaultRateLimit: '4/m,500/d',
  defaultCacheTtlSeconds: 86_400,
  options: virusTotalOptionSpecs,
  lookup: lookupVirusTotal,
  classifyError: virusTotalError,
  toStix: virusTotalToStix,
};

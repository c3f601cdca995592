import type { ServiceDefinition } from '../shared/service-kit';
import { abuseipdb } from './abuseipdb/service';
import { crowdsec } from './crowdsec/service';
import { firstEpss } from './first-epss/service';
import { googleDns } from './google-dns/service';
import { greynoise } from './greynoise/service';
import { hybridAnalysisSandbox } from './hybrid-analysis-sandbox/service';
import { ipinfo } from './ipinfo/service';
import { shodan } from './shodan/service';
import { shodanInternetdb } from './shodan-internetdb/service';
import { virustotal } from './virustotal/service';

/** Every enrichment service, one line each: infra, the local runner and the fixture test read this list. */
export const SERVICES: readonly ServiceDefinition[] = [
  abuseipdb,
  crowdsec,
  firstEpss,
  googleDns,
  greynoise,
  hybridAnalysisSandbox,
  ipinfo,
  shodan,
  shodanInternetdb,
  virustotal,
];

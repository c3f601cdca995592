import type { CommunityAnswer, IpAnswer, ScannerTag } from './schema';

/** What GreyNoise's sensors saw the address do. */
export interface ScannerFinding {
  /** `malicious`, `suspicious`, `benign` or `unknown`. */
  classification: string;
  actor?: string;
  tags: ScannerTag[];
  bot: boolean;
  tor: boolean;
  vpn: boolean;
  vpnService?: string;
  cves: string[];
  /** `AS64500`. */
  asn?: string;
  organization?: string;
  rdns?: string;
  city?: string;
  countryCode?: string;
}

/** The business service (RIOT) the address belongs to. */
export interface BusinessFinding {
  name?: string;
  /** `1` reasonably ignore, `2` commonly seen, `3` context only. */
  trustLevel?: string;
}

/** One answer of either API, in the terms of the Python connector's model. */
export interface GreyNoiseFinding {
  ip: string;
  /** Which API answered: the community one gives no tags, metadata, CVEs or first sighting. */
  api: 'ip' | 'community';
  scanner?: ScannerFinding;
  business?: BusinessFinding;
  /** ISO 8601, when GreyNoise says. */
  firstSeen?: string;
  lastSeen?: string;
}

/** What GreyNoise said about the address: what it saw, or that it has not seen it. */
export type GreyNoiseResult = { kind: 'observed'; finding: GreyNoiseFinding } | { kind: 'not-observed'; ip: string };

const present = (value: string | null | undefined): string | undefined => (value?.trim() ? value.trim() : undefined);

/** A GreyNoise date (`2024-01-03`, `2024-05-02T11:00:00Z`, `2024-05-02 11:00:00`) as ISO 8601 in UTC. */
export function isoDateOf(value: string | null | undefined): string | undefined {
  const text = present(value)?.replace(' ', 'T');
  if (!text) return undefined;
  const withZone = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The v3 IP lookup; undefined when neither dataset has the address. */
export function findingOfIpAnswer(answer: IpAnswer): GreyNoiseFinding | undefined {
  const scanner = answer.internet_scanner_intelligence;
  const business = answer.business_service_intelligence;
  const seen = scanner?.found === true;
  const riot = business?.found === true;
  if (!seen && !riot) return undefined;
  return {
    ip: answer.ip,
    api: 'ip',
    scanner: seen
      ? {
          classification: present(scanner.classification)?.toLowerCase() ?? 'unknown',
          actor: present(scanner.actor),
          tags: scanner.tags,
          bot: scanner.bot,
          tor: scanner.tor,
          vpn: scanner.vpn,
          vpnService: present(scanner.vpn_service),
          cves: scanner.cves,
          asn: present(scanner.metadata.asn),
          organization: present(scanner.metadata.organization),
          rdns: present(scanner.metadata.rdns),
          city: present(scanner.metadata.source_city),
          countryCode: present(scanner.metadata.source_country_code),
        }
      : undefined,
    business: riot ? { name: present(business.name), trustLevel: present(String(business.trust_level ?? '')) } : undefined,
    firstSeen: seen ? isoDateOf(scanner.first_seen) : undefined,
    lastSeen: seen ? (isoDateOf(scanner.last_seen_timestamp) ?? isoDateOf(scanner.last_seen)) : isoDateOf(business?.last_updated),
  };
}

/** The community API: noise with its classification and actor, or the RIOT service's name. */
export function findingOfCommunityAnswer(answer: CommunityAnswer): GreyNoiseFinding | undefined {
  if (!answer.noise && !answer.riot) return undefined;
  const name = present(answer.name);
  return {
    ip: answer.ip,
    api: 'community',
    scanner: answer.noise
      ? {
          classification: present(answer.classification)?.toLowerCase() ?? 'unknown',
          actor: name,
          tags: [],
          bot: false,
          tor: false,
          vpn: false,
          cves: [],
        }
      : undefined,
    business: answer.riot ? { name } : undefined,
    lastSeen: isoDateOf(answer.last_seen),
  };
}

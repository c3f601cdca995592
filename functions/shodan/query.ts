import { SkipError, type LookupContext, type StixObject } from '../../shared/service-kit';
import type { ShodanOptions, ShodanResult } from './result';
import { countSchema, searchSchema, type ShodanHost, type ShodanMatch } from './schema';
import { FACET_PARAM } from './facets';
import { getShodanJson } from './shodan-json';

/** The Shodan query of an Indicator of pattern type `shodan`; a skip for any other indicator. */
export function shodanQueryOf(indicator: StixObject): string {
  const patternType = String(indicator.pattern_type ?? '');
  if (patternType.toLowerCase() !== 'shodan') {
    throw new SkipError(`the indicator's pattern type is ${JSON.stringify(patternType)}, not a Shodan query (pattern type shodan)`);
  }
  const query = typeof indicator.pattern === 'string' ? indicator.pattern.trim() : '';
  if (!query) throw new SkipError('the indicator has an empty Shodan query');
  return query;
}

const union = (lists: string[][]): string[] => [...new Set(lists.flat())];

/** Search matches are banners; the mapping wants hosts: one per address, its banners together. */
export function hostsOfMatches(matches: readonly ShodanMatch[]): ShodanHost[] {
  const byAddress = new Map<string, ShodanMatch[]>();
  for (const match of matches) byAddress.set(match.ip_str, [...(byAddress.get(match.ip_str) ?? []), match]);
  return [...byAddress.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ip, banners]) => {
      const first = <K extends 'org' | 'isp' | 'asn' | 'os'>(key: K) => banners.find((b) => b[key])?.[key];
      const place = banners.find((b) => b.location)?.location;
      return {
        ip_str: ip,
        org: first('org'),
        isp: first('isp'),
        asn: first('asn'),
        os: first('os'),
        hostnames: union(banners.map((b) => b.hostnames)),
        domains: union(banners.map((b) => b.domains)),
        tags: union(banners.map((b) => b.tags)),
        ports: [...new Set(banners.map((b) => b.port))].sort((a, b) => a - b),
        vulns: [],
        city: place?.city,
        region_code: place?.region_code,
        country_code: place?.country_code,
        country_name: place?.country_name,
        latitude: place?.latitude,
        longitude: place?.longitude,
        data: banners,
      };
    });
}

/**
 * The query's total and facets, as the Python connector's summary. With `SHODAN_IMPORT_SEARCH_RESULTS`
 * (default), one `GET /shodan/host/search` gives them with the first page of matches (100 at most;
 * a search with filters costs one query credit); otherwise `GET /shodan/host/count`, which costs
 * none. Unlike the Python connector, no further pages and no host lookup per match: one call per
 * enrichment, within Shodan's one request a second.
 */
export async function lookupQuery(ctx: LookupContext<ShodanOptions>): Promise<ShodanResult | undefined> {
  const query = shodanQueryOf(ctx.entity);
  const params = { query, facets: FACET_PARAM };
  if (!ctx.options.importSearchResults) {
    const count = await getShodanJson(ctx, '/shodan/host/count', countSchema, params);
    return count && { kind: 'query', query, total: count.total, facets: count.facets, hosts: [] };
  }
  const search = await getShodanJson(ctx, '/shodan/host/search', searchSchema, params);
  return search && { kind: 'query', query, total: search.total, facets: search.facets, hosts: hostsOfMatches(search.matches) };
}

import type { ShodanFacets, ShodanHost } from './schema';

/** The Python connector's variables that make sense here (docs/services.md, shodan). */
// A type, not an interface: the pipeline reads options as a record of values by key.
export type ShodanOptions = {
  /** `SHODAN_USE_ISP_NAME_FOR_ASN`: name the autonomous system after the ISP instead of `AS<number>`. */
  useIspNameForAsn: boolean;
  /** `SHODAN_CREATE_NOTE`: the results in a note (true) or in the address's description (false). */
  createNote: boolean;
  /** `SHODAN_IMPORT_SEARCH_RESULTS`: for a Shodan-query indicator, import the hosts of the first result page. */
  importSearchResults: boolean;
  /** `SHODAN_DEFAULT_SCORE`: a score for every address Shodan knows; unset, Shodan writes no score. */
  defaultScore: number | undefined;
};

/** What Shodan said: about one address, or about a query (an Indicator of pattern type `shodan`). */
export type ShodanResult =
  | { kind: 'host'; host: ShodanHost }
  | {
      kind: 'query';
      query: string;
      total: number;
      facets: ShodanFacets;
      /** The hosts of the first result page, when searched; none when only counted. */
      hosts: ShodanHost[];
    };

/** The facets of a query's summary, in the note's order, with the Python connector's titles (the top 20 of each). */
export const FACET_TITLES = {
  org: 'Top 20 Organizations',
  domain: 'Top 20 Domains',
  port: 'Top 20 Ports',
  asn: 'Top 20 Autonomous Systems',
  country: 'Top 20 Countries',
} as const;

export const FACETS = Object.keys(FACET_TITLES) as Array<keyof typeof FACET_TITLES>;

/** `org:20,domain:20,…`: the `facets` parameter of the count and search methods. */
export const FACET_PARAM = FACETS.map((facet) => `${facet}:20`).join(',');

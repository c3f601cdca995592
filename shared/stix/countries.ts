import { domainExtras, timestamps } from './common-properties';
import table from './countries-data.json';
import { locationId } from './ids';
import type { CommonProperties, StixObject } from './types';

/** One country as the platform's geography dataset has it (source and licence in `countries-data.json`). */
export interface Country {
  /** ISO 3166-1 alpha-2 code, upper-case. */
  alpha2: string;
  /** The dataset's alpha-3 code. */
  alpha3: string;
  /** The dataset's name, the one OpenCTI already has: "United States of America", not "United States". */
  name: string;
  /** The dataset's aliases: the alpha-3 and alpha-2 codes. */
  aliases: readonly string[];
}

const COUNTRIES: ReadonlyMap<string, Country> = new Map(
  Object.entries(table.countries).map(([alpha2, c]) => [alpha2, { alpha2, alpha3: c.alpha3, name: c.name, aliases: c.aliases }]),
);

// Alpha-3 codes also come from the aliases: the dataset gives Taiwan TWA as alpha-3 and TWN as an alias.
const BY_ALPHA3: ReadonlyMap<string, Country> = new Map(
  [...COUNTRIES.values()].flatMap((c) => [c.alpha3, ...c.aliases].filter((code) => code.length === 3).map((code) => [code, c] as const)),
);

/** Every country of the platform's geography, by ISO alpha-2 code. */
export const allCountries = (): Country[] => [...COUNTRIES.values()];

/**
 * The country of an ISO 3166-1 alpha-2 or alpha-3 code, in any case and with spaces around it, or
 * undefined for a code the platform's geography does not have (`EU`, `ZZ`, `A1`, a country name).
 */
export function findCountry(code: string | null | undefined): Country | undefined {
  const upper = code?.trim().toUpperCase() ?? '';
  if (upper.length === 2) return COUNTRIES.get(upper);
  if (upper.length === 3) return BY_ALPHA3.get(upper);
  return undefined;
}

/**
 * The Country location of an ISO code, built one way for every service: the platform's name (a
 * location id comes from its name and type only, so this is the id of the country users already
 * have), the alpha-2 code as `country` (STIX 2.1), and the codes as `x_opencti_aliases`. Undefined
 * for an unknown code: callers leave it out rather than create a country the platform does not know.
 */
export function countryLocation(code: string | null | undefined, now: string, p: CommonProperties = {}): StixObject | undefined {
  const country = findCountry(code);
  if (!country) return undefined;
  return {
    type: 'location',
    spec_version: '2.1',
    id: locationId(country.name, 'Country'),
    ...timestamps(now),
    name: country.name,
    country: country.alpha2,
    x_opencti_location_type: 'Country',
    x_opencti_aliases: [...country.aliases],
    ...domainExtras(p),
  };
}

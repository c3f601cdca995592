import { compact } from './compact';
import { domainExtras, timestamps } from './common-properties';
import { locationId } from './ids';
import type { CommonProperties, StixObject } from './types';

const countryNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** English short name of an ISO 3166-1 alpha-2 code, or undefined if the code is unknown. */
export function countryName(code: string): string | undefined {
  const upper = code.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return undefined;
  const name = countryNames.of(upper);
  return name && name !== upper ? name : undefined;
}

/**
 * A Country location built one way in every service: named by the English short name of its ISO
 * code (the id depends on the name and type only), with the code as `country` and as an alias, so
 * the same country gets the same id whichever vendor reported it.
 */
export function countryLocation(code: string, now: string, p: CommonProperties = {}): StixObject {
  const iso = code.trim().toUpperCase();
  const name = countryName(iso) ?? iso;
  return {
    type: 'location',
    spec_version: '2.1',
    id: locationId(name, 'Country'),
    ...timestamps(now),
    name,
    country: iso,
    x_opencti_location_type: 'Country',
    x_opencti_aliases: [iso],
    ...domainExtras(p),
  };
}

export interface PlaceFields {
  name: string;
  countryCode?: string;
  latitude?: number;
  longitude?: number;
}

function place(type: 'City' | 'Region' | 'Administrative-Area', f: PlaceFields, now: string, p: CommonProperties): StixObject {
  const iso = f.countryCode?.trim().toUpperCase();
  return {
    type: 'location',
    spec_version: '2.1',
    id: locationId(f.name, type),
    ...timestamps(now),
    name: f.name,
    // The OASIS schema needs one of region, country or coordinates on every location.
    ...compact({ country: iso, latitude: f.latitude, longitude: f.longitude }),
    ...(iso || f.latitude !== undefined ? {} : { region: 'unknown' }),
    x_opencti_location_type: type,
    ...domainExtras(p),
  };
}

export const cityLocation = (f: PlaceFields, now: string, p: CommonProperties = {}) => place('City', f, now, p);
export const regionLocation = (f: PlaceFields, now: string, p: CommonProperties = {}) => place('Administrative-Area', f, now, p);

import { compact } from './compact';
import { domainExtras, timestamps } from './common-properties';
import { findCountry } from './countries';
import { locationId } from './ids';
import type { CommonProperties, StixObject } from './types';

export interface PlaceFields {
  name: string;
  countryCode?: string;
  latitude?: number;
  longitude?: number;
}

function place(type: 'City' | 'Region' | 'Administrative-Area', f: PlaceFields, now: string, p: CommonProperties): StixObject {
  // Only a code the platform's geography knows, as alpha-2 (STIX 2.1's `country`).
  const iso = findCountry(f.countryCode)?.alpha2;
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

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import { allCountries, countryLocation, findCountry, type StixObject } from '../../shared/stix';
import { describeWithReference, hasSharedReference, SHARED_REFERENCE } from '../helpers/shared-reference';

const NOW = '2026-01-02T03:04:05.000Z';

interface ReferenceCountry {
  name: string;
  alpha3: string;
  aliases: string[];
}

/**
 * A Country's id as the platform and pycti compute it, written out by hand rather than through the
 * project's id helpers: UUIDv5 of the canonical JSON of the lower-cased name and the location type.
 */
const platformCountryId = (name: string): string =>
  `location--${uuidv5(`{"name":${JSON.stringify(name.toLowerCase().trim())},"x_opencti_location_type":"Country"}`, '00abedb4-aa42-466c-9c01-fed23315a9b7')}`;

describeWithReference("countries against the platform's geography (../shared/reference/opencti/geography-countries.json)", () => {
  // The body runs even when the suite is skipped: read the reference only where it exists.
  const referenceFile = join(SHARED_REFERENCE, 'opencti', 'geography-countries.json');
  const reference = (hasSharedReference() ? JSON.parse(readFileSync(referenceFile, 'utf8')) : { countries: {} }) as {
    countries: Record<string, ReferenceCountry>;
  };
  const rows = Object.entries(reference.countries);

  it('has every country of the reference and no other', () => {
    expect(rows).toHaveLength(250);
    expect(
      allCountries()
        .map((c) => c.alpha2)
        .sort(),
    ).toEqual(rows.map(([code]) => code).sort());
  });

  it.each(rows)('%s gives the platform name and the id of the country the platform already has', (code, ref) => {
    expect(countryLocation(code, NOW)).toEqual({
      type: 'location',
      spec_version: '2.1',
      id: platformCountryId(ref.name),
      created: NOW,
      modified: NOW,
      name: ref.name,
      country: code,
      x_opencti_location_type: 'Country',
      x_opencti_aliases: ref.aliases,
    });
    expect(countryLocation(ref.alpha3.toLowerCase(), NOW)?.id).toBe(platformCountryId(ref.name));
  });

  it('names the countries of the services fixtures as the platform does', () => {
    const fixtures = join(__dirname, '..', 'fixtures');
    const countries = readdirSync(fixtures).flatMap((service) =>
      readdirSync(join(fixtures, service))
        .map((name) => join(fixtures, service, name, 'expected.json'))
        // Cases without data have no expected objects.
        .filter((path) => existsSync(path))
        .flatMap((path) => JSON.parse(readFileSync(path, 'utf8')) as StixObject[])
        .filter((o) => o.type === 'location' && o.x_opencti_location_type === 'Country'),
    );
    expect(countries.length).toBeGreaterThan(0);
    for (const country of countries) {
      const ref = reference.countries[String(country.country)];
      expect({ name: country.name, id: country.id }).toEqual({ name: ref?.name, id: platformCountryId(String(ref?.name)) });
    }
  });
});

describe('countries', () => {
  it('take the platform name, not the English short name Node gives the code', () => {
    const names = (codes: string[]) => codes.map((code) => countryLocation(code, NOW)?.name);
    expect(names(['US', 'GB', 'RU', 'KR', 'BA', 'HK'])).toEqual([
      'United States of America',
      'United Kingdom of Great Britain and Northern Ireland',
      'Russian Federation',
      'Republic of Korea',
      'Bosnia and Herzegovina',
      'Hong Kong Special Administrative Region',
    ]);
  });

  it('read alpha-2 and alpha-3 codes in any case, with spaces around them, as the same country', () => {
    const us = countryLocation('US', NOW);
    for (const code of ['us', ' US ', 'USA', 'usa']) expect(countryLocation(code, NOW)).toEqual(us);
    // The dataset gives Taiwan TWA as alpha-3; the ISO code TWN is among its aliases.
    expect(findCountry('TWN')?.alpha2).toBe('TW');
  });

  it('give no country for a code the platform does not know, rather than a made-up one', () => {
    for (const code of ['ZZ', 'EU', 'XK', 'A1', '', '  ', 'United States', undefined, null]) {
      expect(countryLocation(code, NOW)).toBeUndefined();
    }
  });

  it('carry the common properties a caller gives', () => {
    expect(countryLocation('DE', NOW, { createdBy: 'identity--0a4ef5c1-1f6b-5a4b-8e0e-8d2f0c3b6a11' })).toMatchObject({
      name: 'Germany',
      country: 'DE',
      x_opencti_aliases: ['DEU', 'DE'],
      created_by_ref: 'identity--0a4ef5c1-1f6b-5a4b-8e0e-8d2f0c3b6a11',
    });
  });
});

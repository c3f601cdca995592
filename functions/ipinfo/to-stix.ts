import {
  autonomousSystem,
  cityLocation,
  countryLocation,
  regionLocation,
  relationship,
  updateEntity,
  type MappingContext,
  type StixObject,
} from '../../shared/service-kit';
import type { IpInfo } from './schema';

/** The AS from the paid plans' `asn` object, else from the free plan's `org` ("AS15169 Google LLC"). */
function asnOf(info: IpInfo): { number: number; name?: string } | undefined {
  const paid = info.asn ? /^AS(\d+)$/i.exec(info.asn.asn.trim()) : null;
  if (paid) return { number: Number(paid[1]), name: info.asn?.name?.trim() || undefined };
  const free = info.org ? /^AS(\d+)(?:\s+(.+))?$/i.exec(info.org.trim()) : null;
  if (free) return { number: Number(free[1]), name: free[2]?.trim() || undefined };
  return undefined;
}

/** `loc` is "latitude,longitude"; anything else is left out rather than failing the enrichment. */
function coordinatesOf(loc: string | undefined): { latitude?: number; longitude?: number } {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(loc ?? '');
  if (!match) return {};
  const latitude = Number(match[1]);
  const longitude = Number(match[2]);
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? { latitude, longitude } : {};
}

const PRIVACY_FLAGS = ['vpn', 'proxy', 'tor', 'relay', 'hosting'] as const;

/** Privacy flags that are set, and the named privacy service, as labels (paid plans only). */
function privacyLabels(info: IpInfo): string[] {
  const privacy = info.privacy;
  if (!privacy) return [];
  const service = privacy.service?.trim();
  return [...PRIVACY_FLAGS.filter((flag) => privacy[flag] === true), ...(service ? [service] : [])];
}

/**
 * The Python connector's mapping, with what it failed on made optional: the AS the address belongs
 * to, its Country and City (City located at Country), the region as an Administrative-Area between
 * them, and the privacy flags as labels on the address only.
 */
export function ipInfoToStix(info: IpInfo, ctx: MappingContext): StixObject[] {
  const ipId = ctx.entity.id;
  const by = { createdBy: ctx.authorId };
  const objects: StixObject[] = [];
  const labels = privacyLabels(info);
  if (labels.length > 0) objects.push(updateEntity(ctx.entity, { labels }));

  const as = asnOf(info);
  if (as) {
    const asObject = autonomousSystem(as.number, { name: as.name }, by);
    objects.push(asObject, relationship('belongs-to', ipId, asObject.id, ctx.now, by));
  }

  // Locations are shared reference data: no author, or each connector would claim them in turn.
  // An unknown code gives no Country, and no `country` on the region or city either.
  const countryCode = info.country?.trim() || undefined;
  const country = countryLocation(countryCode, ctx.now);
  if (country) objects.push(country, relationship('located-at', ipId, country.id, ctx.now, by));

  const regionName = info.region?.trim();
  const region = regionName ? regionLocation({ name: regionName, countryCode }, ctx.now) : undefined;
  if (region) {
    objects.push(region);
    if (country) objects.push(relationship('located-at', region.id, country.id, ctx.now, by));
  }

  const cityName = info.city?.trim();
  if (cityName) {
    const city = cityLocation({ name: cityName, countryCode, ...coordinatesOf(info.loc) }, ctx.now);
    objects.push(city, relationship('located-at', ipId, city.id, ctx.now, by));
    if (region) objects.push(relationship('located-at', city.id, region.id, ctx.now, by));
    if (country) objects.push(relationship('located-at', city.id, country.id, ctx.now, by));
  }
  return objects;
}

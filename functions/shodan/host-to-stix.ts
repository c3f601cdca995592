import {
  autonomousSystem,
  cityLocation,
  countryLocation,
  domainName,
  hostname,
  organization,
  parseCpe,
  relationship,
  software,
  undatedNote,
  updateEntity,
  vulnerability,
  type ExternalReference,
  type MappingContext,
  type StixObject,
} from '../../shared/service-kit';
import { certificateOf } from './certificate';
import { hostNoteContent } from './notes';
import type { ShodanOptions } from './result';
import type { ShodanHost } from './schema';

const sortedUnique = (values: Iterable<string>): string[] => [...new Set([...values].map((v) => v.trim()).filter(Boolean))].sort();

/** Shodan's page of the address, described as the Python connector does: `[US] [VA - Ashburn] - hostnames`. */
function hostReference(host: ShodanHost): ExternalReference {
  const place = [host.region_code, host.city].filter(Boolean).join(' - ');
  const description = [host.country_code && `[${host.country_code}]`, place && `[${place}]`].filter(Boolean).join(' ');
  const names = host.hostnames.join(' ');
  return {
    source_name: 'Shodan',
    url: `https://www.shodan.io/host/${host.ip_str}`,
    external_id: host.ip_str,
    ...(description || names ? { description: [description, names].filter(Boolean).join(' - ') } : {}),
  };
}

/** CVE ids of the host and of each of its services (search matches only carry the latter). */
const cvesOf = (host: ShodanHost): string[] =>
  sortedUnique(
    [...host.vulns, ...host.data.flatMap((b) => Object.keys(b.vulns ?? {}))]
      .map((v) => /CVE-\d{4}-\d{4,}/i.exec(v)?.[0]?.toUpperCase() ?? '')
      .filter(Boolean),
  );

/** Software from the services' CPEs (the 2.2 URIs; the 2.3 strings Shodan adds are often cut short). */
const productsOf = (host: ShodanHost) =>
  sortedUnique(host.data.flatMap((b) => (b.cpe.length ? b.cpe : b.cpe23)))
    .map(parseCpe)
    .filter((p) => p !== undefined);

/**
 * One host as the Python connector maps it, onto `subject` (the enriched address, or a search hit):
 * Shodan's tags as labels and a reference to its page; the organisation, domains and hostnames it
 * is `related-to`; the autonomous system it `belongs-to`; each certificate, CPE (as Software) and
 * CVE it is `related-to`; the city and country it is `located-at`; and the results note (or, with
 * `SHODAN_CREATE_NOTE=false`, the description). `score` goes on the address, its names and its AS.
 */
export function hostToStix(host: ShodanHost, subject: StixObject, ctx: MappingContext<ShodanOptions>, score?: number): StixObject[] {
  const by = { createdBy: ctx.authorId };
  const scored = { ...by, score };
  const content = hostNoteContent(host);
  const objects: StixObject[] = [
    updateEntity(subject, {
      score,
      labels: host.tags,
      externalReferences: [hostReference(host)],
      description: ctx.options.createNote ? undefined : content,
    }),
  ];
  const link = (target: StixObject, type = 'related-to') => objects.push(target, relationship(type, subject.id, target.id, ctx.now, by));

  if (host.org?.trim()) link(organization(host.org.trim(), ctx.now, by));
  for (const name of sortedUnique(host.domains)) link(domainName(name, scored));
  for (const name of sortedUnique(host.hostnames)) link(hostname(name, scored));
  const asNumber = Number(/^AS(\d+)$/i.exec(host.asn?.trim() ?? '')?.[1] ?? NaN);
  if (Number.isSafeInteger(asNumber)) {
    const name = (ctx.options.useIspNameForAsn ? host.isp : undefined) ?? `AS${asNumber}`;
    link(autonomousSystem(asNumber, { name }, scored), 'belongs-to');
  }
  const certificates = host.data.map((b) => b.ssl?.cert && certificateOf(b.ssl.cert, by)).filter((c) => c !== undefined && c !== null);
  for (const certificate of certificates) link(certificate);
  for (const p of productsOf(host)) link(software({ name: p.product, cpe: p.cpe, vendor: p.vendor, version: p.version }, by));
  for (const cve of cvesOf(host)) link(vulnerability(cve, ctx.now, by));

  // Places are shared reference data: no author, or each connector would claim them in turn.
  const country = countryLocation(host.country_code, ctx.now);
  const place = { latitude: host.latitude ?? undefined, longitude: host.longitude ?? undefined };
  const city =
    host.city?.trim() && cityLocation({ name: host.city.trim(), countryCode: host.country_code ?? undefined, ...place }, ctx.now);
  if (city) objects.push(city, relationship('located-at', subject.id, city.id, ctx.now, by));
  if (city && country) objects.push(country, relationship('located-at', city.id, country.id, ctx.now, by));
  if (!city && country) objects.push(country, relationship('located-at', subject.id, country.id, ctx.now, by));

  if (ctx.options.createNote)
    objects.push(undatedNote({ content, objectRefs: [subject.id], abstract: `Shodan results for ${host.ip_str}` }, ctx.now, by));
  return objects;
}

import { isIP } from 'node:net';
import { autonomousSystem, countryLocation, ipAddr, relationship, type MappingContext, type StixObject } from '../../shared/service-kit';
import type { VirusTotalAttributes } from './schema';

/**
 * The address's Autonomous System (`belongs-to`) and Country (`located-at`), each when the answer
 * has it: VirusTotal leaves out `asn` and `country` for some addresses, which is no failure
 * (OpenCTI-Platform/connectors#2433).
 */
export function ipRelations(attributes: VirusTotalAttributes, ctx: MappingContext): StixObject[] {
  const by = { createdBy: ctx.authorId };
  const objects: StixObject[] = [];
  if (attributes.asn !== undefined) {
    const as = autonomousSystem(attributes.asn, { name: attributes.as_owner, rir: attributes.regional_internet_registry }, by);
    objects.push(as, relationship('belongs-to', ctx.entity.id, as.id, ctx.now, by));
  }
  // Countries are shared reference data: no author, or each connector would claim them in turn.
  const country = countryLocation(attributes.country, ctx.now);
  if (country) objects.push(country, relationship('located-at', ctx.entity.id, country.id, ctx.now, by));
  return objects;
}

/**
 * Each address of the domain's last A and AAAA records, which the domain `resolves-to`. Values
 * that are not addresses are left out. Unlike the Python connector, the domain's score is not
 * copied onto the addresses: a shared host is not as malicious as one domain it serves.
 */
export function domainResolutions(attributes: VirusTotalAttributes, ctx: MappingContext): StixObject[] {
  const by = { createdBy: ctx.authorId };
  const addresses = attributes.last_dns_records
    .filter((r) => (r.type === 'A' && isIP(r.value) === 4) || (r.type === 'AAAA' && isIP(r.value) === 6))
    .map((r) => r.value.toLowerCase());
  return [...new Set(addresses)].sort().flatMap((address) => {
    const ip = ipAddr(address, by);
    return [ip, relationship('resolves-to', ctx.entity.id, ip.id, ctx.now, by)];
  });
}

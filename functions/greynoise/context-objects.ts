import {
  autonomousSystem,
  cityLocation,
  countryLocation,
  domainName,
  malware,
  organization,
  relationship,
  relationshipId,
  threatActor,
  tool,
  vulnerability,
  type MappingContext,
  type StixObject,
} from '../../shared/service-kit';
import type { ScannerFinding } from './finding';

/** When GreyNoise saw the address, first to last. */
export interface SeenWindow {
  firstSeen: string;
  lastSeen: string;
}

/**
 * What GreyNoise's scanner data says around the address, as the Python connector maps it: the
 * organisation it is `related-to`, the AS it `belongs-to` and the reverse-DNS name that
 * `resolves-to` it (both with the score), the city and country it is `located-at`, and the CVEs,
 * VPN service (Tool), worms (Malware) and non-benign actor (Threat-Actor) it is `related-to` while
 * seen. Those last relationships keep one id whatever the window, so a new sighting moves it.
 */
export function scannerContext(scanner: ScannerFinding, window: SeenWindow, score: number, ctx: MappingContext<unknown>): StixObject[] {
  const ip = ctx.entity.id;
  const by = { createdBy: ctx.authorId };
  const objects: StixObject[] = [];
  const link = (type: string, from: string, target: StixObject) => objects.push(target, relationship(type, from, target.id, ctx.now, by));
  const linkWhileSeen = (target: StixObject) => {
    const seen = relationship('related-to', ip, target.id, ctx.now, { ...by, startTime: window.firstSeen, stopTime: window.lastSeen });
    objects.push(target, { ...seen, id: relationshipId('related-to', ip, target.id) });
  };

  if (scanner.organization) link('related-to', ip, organization(scanner.organization, ctx.now, by));
  const asNumber = Number(/^AS(\d+)$/i.exec(scanner.asn ?? '')?.[1] ?? NaN);
  if (Number.isSafeInteger(asNumber)) link('belongs-to', ip, autonomousSystem(asNumber, { name: `AS${asNumber}` }, { ...by, score }));
  if (scanner.rdns) {
    const name = domainName(scanner.rdns, { ...by, score });
    objects.push(name, relationship('resolves-to', name.id, ip, ctx.now, by));
  }

  // Places are shared reference data: no author.
  const country = countryLocation(scanner.countryCode, ctx.now);
  const city = scanner.city ? cityLocation({ name: scanner.city, countryCode: scanner.countryCode }, ctx.now) : undefined;
  if (city) link('located-at', ip, city);
  if (city && country) link('located-at', city.id, country);
  if (!city && country) link('located-at', ip, country);

  const cves = [...new Set(scanner.cves.map((c) => /CVE-\d{4}-\d{4,}/i.exec(c)?.[0]?.toUpperCase()).filter((c) => c !== undefined))];
  for (const cve of cves.sort()) linkWhileSeen(vulnerability(cve, ctx.now, by));
  if (scanner.vpn && scanner.vpnService) {
    linkWhileSeen(tool(`VPN: ${scanner.vpnService}`, ctx.now, { ...by, aliases: [scanner.vpnService] }));
  }
  for (const worm of scanner.tags.filter((tag) => tag.category?.toLowerCase() === 'worm')) {
    const description = worm.description?.trim() || undefined;
    linkWhileSeen({ ...malware(worm.name.trim(), ctx.now, { ...by, isFamily: false, description }), malware_types: ['worm'] });
  }
  if (scanner.actor && scanner.actor.toLowerCase() !== 'unknown' && scanner.classification !== 'benign') {
    linkWhileSeen(threatActor(scanner.actor, ctx.now, by));
  }
  return objects;
}

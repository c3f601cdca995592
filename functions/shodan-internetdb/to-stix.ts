import {
  domainName,
  parseCpe,
  relationship,
  relationshipId,
  software,
  undatedNote,
  updateEntity,
  vulnerability,
  type MappingContext,
  type StixObject,
} from '../../shared/service-kit';
import { internetDbNoteContent } from './note';
import type { InternetDbHost } from './schema';

const DAY_MS = 86_400_000;
/** How long a CVE link stays valid without being seen again, as in the Python connector. */
const VULNERABILITY_VALID_DAYS = 60;

/**
 * The Python connector's mapping plus CPEs as Software: tags as labels on the address, each
 * hostname a Domain-Name resolving to it, each CVE a Vulnerability it is related to for the next
 * 60 days, each CPE a Software it is related to, and a note listing everything, ports included.
 */
export function internetDbToStix(host: InternetDbHost, ctx: MappingContext): StixObject[] {
  const ipId = ctx.entity.id;
  const by = { createdBy: ctx.authorId };
  const objects: StixObject[] = [];
  if (host.tags.length > 0) objects.push(updateEntity(ctx.entity, { labels: host.tags }));

  for (const name of [...new Set(host.hostnames)].sort()) {
    const domain = domainName(name, by);
    objects.push(domain, relationship('resolves-to', domain.id, ipId, ctx.now, by));
  }
  for (const raw of [...new Set(host.cpes)].sort()) {
    const cpe = parseCpe(raw);
    if (!cpe) continue;
    const product = software({ name: cpe.product, cpe: cpe.cpe, vendor: cpe.vendor, version: cpe.version }, by);
    objects.push(product, relationship('related-to', ipId, product.id, ctx.now, by));
  }
  const stopTime = new Date(Date.parse(ctx.now) + VULNERABILITY_VALID_DAYS * DAY_MS).toISOString();
  for (const cve of [...new Set(host.vulns)].sort()) {
    const vuln = vulnerability(cve, ctx.now, by);
    const link = relationship('related-to', ipId, vuln.id, ctx.now, { ...by, startTime: ctx.now, stopTime });
    // The id leaves the window out (as pycti's does), so the next enrichment moves the window
    // of this relationship instead of adding a second one.
    objects.push(vuln, { ...link, id: relationshipId('related-to', ipId, vuln.id) });
  }

  const ip = String(ctx.entity.value);
  const content = internetDbNoteContent(ip, host);
  objects.push(undatedNote({ content, objectRefs: [ipId], abstract: `Shodan InternetDB enrichment of ${ip}` }, ctx.now, by));
  return objects;
}

import { isIP } from 'node:net';
import {
  domainName,
  ipv4Addr,
  ipv6Addr,
  relationship,
  valueObservable,
  type MappingContext,
  type StixObject,
} from '../../shared/service-kit';
import { RECORD_TYPES, type DnsRecords, type RecordType } from './schema';

type Link = {
  target: (value: string, p: { createdBy: string }) => StixObject | undefined;
  type: 'resolves-to' | 'related-to';
  description?: string;
};

/** Per record type: the observable it becomes and how the name links to it (the Python connector's choices, plus AAAA). */
const LINKS: Record<RecordType, Link> = {
  NS: { target: domainName, type: 'resolves-to', description: 'name-server' },
  A: { target: (v, p) => (isIP(v) === 4 ? ipv4Addr(v, p) : undefined), type: 'resolves-to' },
  AAAA: { target: (v, p) => (isIP(v) === 6 ? ipv6Addr(v, p) : undefined), type: 'resolves-to' },
  CNAME: { target: domainName, type: 'resolves-to', description: 'cname' },
  MX: { target: domainName, type: 'resolves-to', description: 'mx' },
  TXT: { target: (v, p) => valueObservable('text', v, p), type: 'related-to', description: 'TXT' },
};

/**
 * Each record as an observable linked from the enriched name: addresses, name servers, canonical
 * names and mail servers it `resolves-to`, TXT strings it is `related-to`. A record pointing back
 * at the name itself is left out; a target reached by two record types keeps the first link.
 */
export function googleDnsToStix(dns: DnsRecords, ctx: MappingContext): StixObject[] {
  const by = { createdBy: ctx.authorId };
  const objects = new Map<string, StixObject>();
  for (const recordType of Object.keys(RECORD_TYPES) as RecordType[]) {
    const link = LINKS[recordType];
    for (const value of dns.records[recordType]) {
      const target = link.target(value, by);
      if (!target || target.id === ctx.entity.id || objects.has(target.id)) continue;
      const edge = relationship(link.type, ctx.entity.id, target.id, ctx.now, { ...by, description: link.description });
      objects.set(target.id, target).set(edge.id, edge);
    }
  }
  return [...objects.values()];
}

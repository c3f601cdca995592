import { isIP, SocketAddress } from 'node:net';
import { domainToASCII } from 'node:url';
import { SkipError } from '../pipeline/errors';
import type { StixObject } from '../stix/types';

/** A value as it goes into a message: quoted, and cut short, since entity values can be long. */
const quoted = (value: string): string => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

const stringField = (entity: StixObject, field: 'value' | 'name'): string => {
  const value = entity[field];
  return typeof value === 'string' ? value.trim() : '';
};

/**
 * The entity's IP address (`value` of an IPv4-Addr or IPv6-Addr) in canonical form: IPv4 dotted
 * quad, IPv6 as RFC 5952 writes it (lower case, longest zero run shortened), so the vendor is
 * asked about one spelling. Throws a {@link SkipError} for anything else: a CIDR range, a name,
 * or an IPv6 zone id (`fe80::1%eth0`, which names a host's own interface and means nothing to a
 * vendor; any `%` is refused).
 */
export function ipAddressOf(entity: StixObject): string {
  const value = stringField(entity, 'value');
  const family = value.includes('%') ? 0 : isIP(value);
  if (family === 0) throw new SkipError(`${quoted(value)} is not an IP address`);
  return new SocketAddress({ address: value, family: family === 4 ? 'ipv4' : 'ipv6' }).address;
}

/** A DNS label as resolvers take it: letters, digits, hyphens and underscores (`_dmarc`), 63 at most. */
const LABEL = /^[a-z0-9_-]{1,63}$/;

/**
 * The entity's DNS name (`value` of a Domain-Name or Hostname) in canonical form: lower case,
 * without the root dot, an internationalised name in its ASCII (punycode) form. Throws a
 * {@link SkipError} when it is not a name: empty, spaces or other characters DNS names do not
 * hold, an empty or too long label, more than 253 characters, or an IP address.
 */
export function domainNameOf(entity: StixObject): string {
  const value = stringField(entity, 'value');
  const name = domainToASCII(value.replace(/\.$/, ''));
  const valid = name.length > 0 && name.length <= 253 && isIP(name) === 0 && name.split('.').every((label) => LABEL.test(label));
  if (!valid) throw new SkipError(`${quoted(value)} is not a domain name`);
  return name;
}

const CVE = /^CVE-\d{4}-\d{4,}$/i;

/**
 * The CVE id in the entity's `name` (a Vulnerability), upper case (`CVE-2021-44228`). Throws a
 * {@link SkipError} for a vulnerability named otherwise (a GitHub advisory, a vendor bulletin).
 */
export function cveOf(entity: StixObject): string {
  const name = stringField(entity, 'name');
  if (!CVE.test(name)) throw new SkipError(`${quoted(name)} is not a CVE id`);
  return name.toUpperCase();
}

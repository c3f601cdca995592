import { nonPublicRange, type NonPublicRange } from '../quota/non-public-address';
import type { StixObject } from '../stix/types';
import { SkipError } from './errors';
import { printable } from './printable';

const ADDRESS_TYPES = new Set(['IPv4-Addr', 'IPv6-Addr']);
const RANGE_WORDS: Record<NonPublicRange, string> = {
  private: 'a private',
  loopback: 'a loopback',
  'link-local': 'a link-local',
  shared: 'a shared (carrier-grade NAT)',
  'unique-local': 'a unique local',
  'site-local': 'a site-local',
  multicast: 'a multicast',
  unspecified: 'the unspecified',
  broadcast: 'the broadcast',
  documentation: 'a documentation',
  benchmarking: 'a benchmarking',
  reserved: 'a reserved',
};

/**
 * "10.0.0.1 is a private address: not sent to AbuseIPDB": an IPv4 or IPv6 address (or network) no
 * vendor can know never leaves. Throws a {@link SkipError}, so the work ends processed, not in error.
 */
export function skipNonPublic(entity: StixObject, entityType: string, vendor: string): void {
  const value = entity.value;
  if (!ADDRESS_TYPES.has(entityType) || typeof value !== 'string') return;
  const range = nonPublicRange(value);
  if (range === undefined) return;
  const what = value.includes('/') ? 'network' : 'address';
  throw new SkipError(`${printable(value.trim())} is ${RANGE_WORDS[range]} ${what}: not sent to ${vendor}`);
}

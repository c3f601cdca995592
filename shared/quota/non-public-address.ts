import ipaddr from 'ipaddr.js';

/** Why no vendor can know an address: "10.0.0.1 is a private address". */
export type NonPublicRange =
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'shared'
  | 'unique-local'
  | 'site-local'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved';

// ipaddr.js's range() names that are never globally reachable, in our words. Its `reserved`
// mixes documentation, benchmarking and reserved blocks: those are told apart below.
const RANGE_NAMES: Record<string, NonPublicRange> = {
  private: 'private',
  loopback: 'loopback',
  linkLocal: 'link-local',
  carrierGradeNat: 'shared',
  uniqueLocal: 'unique-local',
  deprecatedSiteLocal: 'site-local',
  multicast: 'multicast',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  benchmarking: 'benchmarking',
  reserved: 'reserved',
  discard: 'reserved',
  deprecatedOrchid: 'reserved',
  orchid2: 'reserved',
  droneRemoteIdProtocolEntityTags: 'reserved',
  segmentRouting: 'reserved',
};

const cidrs = (list: string[]) => list.map((cidr) => ipaddr.parseCIDR(cidr));
const DOCUMENTATION = cidrs(['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20']);
const BENCHMARKING = cidrs(['198.18.0.0/15', '2001:2::/48']);
// Global unicast IPv6 is 2000::/3; anything outside it and outside the named ranges is unassigned.
const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

const within = (address: ipaddr.IPv4 | ipaddr.IPv6, list: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>): boolean =>
  list.some(([network, bits]) => address.kind() === network.kind() && address.match(network, bits));

function rangeOf(address: ipaddr.IPv4 | ipaddr.IPv6): NonPublicRange | undefined {
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) return rangeOf(address.toIPv4Address());
  if (within(address, DOCUMENTATION)) return 'documentation';
  if (within(address, BENCHMARKING)) return 'benchmarking';
  const name = RANGE_NAMES[address.range()];
  if (name !== undefined) return name;
  if (address.kind() === 'ipv6' && address.range() === 'unicast' && !address.match(IPV6_GLOBAL_UNICAST)) return 'reserved';
  return undefined;
}

function networkRange(text: string): NonPublicRange | undefined {
  if (!ipaddr.isValidCIDR(text)) return undefined;
  const family = ipaddr.IPv4.isValidCIDR(text) ? ipaddr.IPv4 : ipaddr.IPv6;
  const first = rangeOf(family.networkAddressFromCIDR(text));
  return first === rangeOf(family.broadcastAddressFromCIDR(text)) ? first : undefined;
}

/**
 * The range that makes an address (or a CIDR network) unknowable to any vendor, or undefined for
 * a public address and for anything that is not an IP address (IPv4 in four decimal parts).
 * IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are judged by their IPv4 address. A network is
 * non-public when its first and last addresses fall in the same kind of range (`10.0.0.0/8`, not
 * `0.0.0.0/0`).
 *
 * @example nonPublicRange('10.0.0.1') // 'private', for "10.0.0.1 is a private address"
 */
export function nonPublicRange(value: string): NonPublicRange | undefined {
  const text = value.trim();
  if (text.includes('/')) return networkRange(text);
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return rangeOf(ipaddr.IPv4.parse(text));
  return ipaddr.IPv6.isValid(text) ? rangeOf(ipaddr.IPv6.parse(text)) : undefined;
}

import { nonPublicRange } from '../../shared/quota';

describe('nonPublicRange', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.200', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.254', 'benchmarking'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['fc00::1', 'unique-local'],
    ['ff02::fb', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['fec0::1', 'site-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:192.0.2.1', 'documentation'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['10.0.0.0/8', 'private'],
    ['192.168.0.0/24', 'private'],
    ['2001:db8::/48', 'documentation'],
  ])('%s is a %s address', (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '100.63.255.255', // just below the shared range
    '100.128.0.0', // just above it
    '172.32.0.1', // just above 172.16/12
    '192.0.3.1',
    '198.20.0.1', // just above 198.18/15
    '223.255.255.255',
    '2001:4860:4860::8888',
    '2606:4700:4700::1111',
    '2001:db9::1', // just above 2001:db8::/32
    '::ffff:8.8.8.8',
    '8.8.8.0/24',
    '0.0.0.0/0', // contains public addresses
    '10.0.0.0/7', // reaches beyond 10/8
  ])('%s may be sent to a vendor', (address) => {
    expect(nonPublicRange(address)).toBeUndefined();
  });

  it.each(['example.com', '', '10.0.0', '999.1.1.1', '010.0.0.1'])('leaves %j alone: not an IP address', (value) => {
    expect(nonPublicRange(value)).toBeUndefined();
  });
});

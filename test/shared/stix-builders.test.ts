import {
  attackPattern,
  authorIdentity,
  autonomousSystem,
  buildBundle,
  cityLocation,
  countryLocation,
  domainName,
  file,
  hostname,
  indicator,
  ipv4Addr,
  ipv6Addr,
  macAddr,
  malware,
  malwareAnalysis,
  note,
  relationship,
  sighting,
  software,
  threatActor,
  TLP_LEVELS,
  tool,
  tlpMarking,
  updateEntity,
  url,
  emailAddr,
  vulnerability,
  x509Certificate,
  regionLocation,
  OPENCTI_SCO_EXTENSION_ID,
} from '../../shared/stix';
import { describeWithReference } from '../helpers/shared-reference';
import { expectValidStix } from '../helpers/stix-schema';

const NOW = '2026-01-02T03:04:05.000Z';
const author = authorIdentity('Example Vendor');
const tlpAmber = tlpMarking('TLP:AMBER').id;
const common = { createdBy: author.id, markings: [tlpAmber] };

function everyBuilder() {
  const ip = ipv4Addr('8.8.8.8', { ...common, score: 80, labels: ['scanner', 'abuse'], description: 'resolver' });
  const us = countryLocation('us', NOW, common)!;
  const sample = file({ hashes: { 'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }, name: 'empty' }, common);
  const objects = [
    author,
    ...TLP_LEVELS.map(tlpMarking),
    ip,
    ipv6Addr('2001:4860:4860::8888', common),
    domainName('Example.COM', common),
    hostname('dns.google', common),
    url('https://example.com/a?b=c', common),
    emailAddr('bob@example.com', common),
    macAddr('00:1A:2B:3C:4D:5E', common),
    sample,
    autonomousSystem(15169, { name: 'GOOGLE' }, common),
    software({ name: 'nginx', cpe: 'cpe:2.3:a:f5:nginx:1.2:*:*:*:*:*:*:*', version: '1.2' }, common),
    x509Certificate(
      {
        serial_number: '01:02',
        issuer: 'CN=Test CA',
        subject: 'CN=example.com',
        version: '3',
        signature_algorithm: 'sha256WithRSAEncryption',
        subject_public_key_algorithm: 'rsa',
      },
      common,
    ),
    us,
    cityLocation({ name: 'Mountain View', countryCode: 'US', latitude: 37.4, longitude: -122.07 }, NOW, common),
    regionLocation({ name: 'California', countryCode: 'US' }, NOW, common),
    vulnerability('CVE-2021-44228', NOW, { ...common, description: 'Log4Shell' }),
    malware('Emotet', NOW, common),
    tool('VPN: ExampleVPN', NOW, { ...common, aliases: ['ExampleVPN'] }),
    threatActor('Example Scanning Group', NOW, common),
    attackPattern('Phishing', NOW, { ...common, mitreId: 'T1566' }),
    indicator({ pattern: "[ipv4-addr:value = '8.8.8.8']", name: '8.8.8.8', validFrom: NOW, mainObservableType: 'IPv4-Addr' }, NOW, {
      ...common,
      score: 80,
    }),
    indicator(
      { pattern: 'rule empty { condition: filesize == 0 }', patternType: 'yara', name: 'empty', validFrom: NOW, detection: true },
      NOW,
      common,
    ),
    note({ content: 'Open ports: 53, 443', objectRefs: [ip.id], created: NOW }, common),
    malwareAnalysis({ product: 'Sandbox', resultName: 'Emotet', result: 'malicious', sampleRef: sample.id }, NOW, common),
    relationship('located-at', ip.id, us.id, NOW, common),
    sighting(
      { sightingOfRef: 'indicator--c1034564-a9fb-429b-a1c1-c80116cc8e1e', whereSightedRefs: [us.id], count: 3, observableRef: ip.id },
      NOW,
      common,
    ),
  ];
  return buildBundle(objects);
}

describeWithReference('STIX builders', () => {
  it('build a bundle of every kind of object that the OASIS schemas accept', () => {
    expectValidStix(everyBuilder());
  });

  it('build the same bundle, byte for byte, from the same input and clock', () => {
    expect(JSON.stringify(everyBuilder())).toBe(JSON.stringify(everyBuilder()));
  });
});

describe('STIX builders', () => {
  it('give a city or region the country code only when the platform knows the country', () => {
    expect(cityLocation({ name: 'Pristina', countryCode: 'XK' }, NOW)).toMatchObject({ region: 'unknown' });
    expect(cityLocation({ name: 'Pristina', countryCode: 'XK' }, NOW)).not.toHaveProperty('country');
    expect(regionLocation({ name: 'Bavaria', countryCode: 'deu' }, NOW)).toMatchObject({ country: 'DE' });
  });

  it('emit TLP:CLEAR as the standard TLP:WHITE marking with the shared id', () => {
    expect(tlpMarking('TLP:CLEAR')).toMatchObject({
      id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
      definition: { tlp: 'white' },
    });
  });

  it('write an indicator in STIX patterning unless told the pattern is another language', () => {
    const stix = indicator({ pattern: "[url:value = 'https://example.com/']", name: 'x', validFrom: NOW }, NOW);
    const yara = indicator(
      { pattern: 'rule x { condition: true }', patternType: 'yara', name: 'x', validFrom: NOW, detection: false },
      NOW,
    );
    expect([stix.pattern_type, stix.x_opencti_detection]).toEqual(['stix', undefined]);
    expect([yara.pattern_type, yara.x_opencti_detection]).toEqual(['yara', false]);
  });

  it('drop empty lists, which the schemas reject', () => {
    expect(ipv4Addr('1.1.1.1', { labels: [] })).not.toHaveProperty('x_opencti_labels');
  });

  it('update an entity where OpenCTI reads it: its SCO extension when present', () => {
    const entity = {
      ...ipv4Addr('1.1.1.1'),
      extensions: { [OPENCTI_SCO_EXTENSION_ID]: { extension_type: 'property-extension', labels: ['old'], score: 10 } },
    };
    const updated = updateEntity(entity, { score: 90, labels: ['new'] });
    expect(updated.extensions).toEqual({
      [OPENCTI_SCO_EXTENSION_ID]: { extension_type: 'property-extension', labels: ['new', 'old'], score: 90 },
    });
    expect(updateEntity(ipv4Addr('1.1.1.1'), { score: 5 })).toMatchObject({ x_opencti_score: 5 });
    expect(entity.extensions[OPENCTI_SCO_EXTENSION_ID].score).toBe(10);
  });
});

import {
  deterministicId,
  domainName,
  emailAddr,
  externalReferenceId,
  file,
  fileId,
  identityId,
  indicatorId,
  locationId,
  markingDefinitionId,
  namedObjectId,
  noteId,
  relationshipId,
  valueObservableId,
  x509Certificate,
} from '../../shared/stix';

describe('deterministic ids (docs/protocol.md#id-test-vectors vectors)', () => {
  it.each([
    [valueObservableId('ipv4-addr', '8.8.8.8'), 'ipv4-addr--2f689bf9-0ff2-545f-aa61-e495eb8cecc7'],
    [valueObservableId('domain-name', 'example.com'), 'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7'],
    [valueObservableId('url', 'https://example.com/a?b=c'), 'url--3bd48f67-7da9-5d3a-9512-26490dda399b'],
    [
      fileId({ 'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }),
      'file--22f8ff52-8f62-5f03-a53a-6f50f54fd74c',
    ],
    [valueObservableId('hostname', 'host.example.com'), 'hostname--e862c830-fcab-5bea-833f-0a1acca621a2'],
    [identityId('ACME Corp ', 'organization'), 'identity--542072da-8b33-50bf-810b-d9cfd2a0bc69'],
    [indicatorId(" [ipv4-addr:value = '8.8.8.8'] "), 'indicator--7ad3d74b-c761-522d-9359-5e7565a3abb4'],
    [
      relationshipId('related-to', 'ipv4-addr--00000000-0000-5000-8000-000000000000', 'domain-name--00000000-0000-5000-8000-000000000000'),
      'relationship--a68bb2ad-7dd3-5b38-ac16-1658080a45fc',
    ],
    [noteId('hello'), 'note--4058e6cc-4426-5da6-8a84-7df60bc1195c'],
    [
      externalReferenceId({ url: 'https://example.com/report', source_name: 'ignored' }),
      'external-reference--4d4eeaf9-7eeb-5d7f-9c6a-80a9f6942712',
    ],
    [markingDefinitionId('statement', 'Copyright X'), 'marking-definition--70fa8cf8-af75-51f6-b3a3-36c24bd2d8d7'],
    [namedObjectId('malware', 'Émotet'.toLowerCase()), 'malware--fbfcbcc2-4c15-5018-8674-98bee8d597ed'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('platform normalisations', () => {
  it('lower-cases domain names and e-mail addresses before hashing', () => {
    expect(domainName('EXAMPLE.com').id).toBe('domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7');
    expect(domainName('EXAMPLE.com').value).toBe('example.com');
    expect(emailAddr('Bob@Example.COM').id).toBe(valueObservableId('email-addr', 'bob@example.com'));
  });

  it('keeps IP and URL values as given', () => {
    expect(valueObservableId('url', 'https://Example.com/A')).not.toBe(valueObservableId('url', 'https://example.com/a'));
  });

  it('hashes one file hash, MD5 first, and ignores the name when a hash is present', () => {
    const hashes = {
      'SHA-256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      MD5: 'd41d8cd98f00b204e9800998ecf8427e',
    };
    expect(fileId(hashes, 'empty.txt')).toBe(deterministicId('file', { hashes: { MD5: 'd41d8cd98f00b204e9800998ecf8427e' } }));
    expect(file({ name: 'a.exe' }).id).toBe(deterministicId('file', { name: 'a.exe' }));
  });

  it('lower-cases and trims names of named objects and identities', () => {
    expect(namedObjectId('vulnerability', ' CVE-2021-44228 ')).toBe(namedObjectId('vulnerability', 'cve-2021-44228'));
  });
});

describe('deterministicId', () => {
  it('refuses to make an id when no property feeds it, instead of a random one that would duplicate the object', () => {
    expect(() => deterministicId('note', { content: undefined, created: null })).toThrow(
      new TypeError('cannot make a deterministic note id: none of its id properties (content, created) is set'),
    );
    expect(() => file({ size: 12 })).toThrow(/cannot make a deterministic file id: none of its id properties \(name\) is set/);
    expect(() => x509Certificate({ issuer: 'CN=Test CA' })).toThrow(/deterministic x509-certificate id/);
  });

  it('makes the same id from the properties that are set, whatever else is absent', () => {
    expect(deterministicId('location', { name: 'paris', x_opencti_location_type: 'City', extra: undefined })).toBe(
      locationId('Paris', 'City'),
    );
    expect(fileId(undefined, 'a.exe')).toBe(fileId({}, 'a.exe'));
  });
});

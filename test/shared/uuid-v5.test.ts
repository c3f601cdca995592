import { v5 as referenceV5 } from 'uuid';
import { STIX_NAMESPACE, stixUuidV5 } from '../../shared/stix';
import { uuidBytes, uuidV5 } from '../../shared/stix/uuid-v5';

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  it("gives Python's uuid5 answer for python.org in the DNS namespace", () => {
    expect(uuidV5('python.org', uuidBytes(DNS_NAMESPACE))).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it.each([
    ['the empty name', ''],
    ['one letter', 'a'],
    ['an IP value', '{"value":"8.8.8.8"}'],
    ['accented letters', '{"name":"émotet"}'],
    ['CJK', '{"name":"日本語の名前"}'],
    ['a character outside the BMP', '{"value":"😀.example"}'],
    ['an escaped lone surrogate', '{"pattern":"\\ud800"}'],
    ['10,000 characters', 'x'.repeat(10_000)],
  ])('gives the uuid package its own answer for %s in the STIX namespace', (_label, name) => {
    expect(stixUuidV5(name)).toBe(referenceV5(name, STIX_NAMESPACE));
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidBytes('not-a-uuid')).toThrow(TypeError);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICES } from '../../functions/services';
import { ConfigError } from '../../shared/config';
import { loadLocalConnectors } from '../../local/settings';

const dir = mkdtempSync(join(tmpdir(), 'local-config-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const ID1 = '2f0d6c3a-6a53-4c3e-9c55-7e3c1f1b2a01';
const ID2 = '2f0d6c3a-6a53-4c3e-9c55-7e3c1f1b2a02';

describe('loadLocalConnectors', () => {
  it('runs one connector seed style, the service named by CONNECTOR_SERVICE', () => {
    const [c] = loadLocalConnectors(
      {
        CONFIG_FILE: join(dir, 'none.yml'),
        CONNECTORS_FILE: '',
        CONNECTOR_SERVICE: 'shodan-internetdb',
        OPENCTI_URL: 'http://o:8080',
        OPENCTI_TOKEN: 'tok-abcdef',
        CONNECTOR_ID: ID1,
        CONNECTOR_NAME: 'Shodan',
        CONNECTOR_SCOPE: 'IPv4-Addr',
        PIPELINE_CONCURRENCY: '3',
      },
      SERVICES,
    );
    expect(c).toMatchObject({
      service: { name: 'shodan-internetdb' },
      concurrency: 3,
      batchSize: 10,
      maxReceives: 5,
      config: { connector: { id: ID1 } },
    });
  });

  it('says which services exist when CONNECTOR_SERVICE is missing or wrong', () => {
    expect(() => loadLocalConnectors({ CONFIG_FILE: join(dir, 'none.yml') }, SERVICES)).toThrow(
      /CONNECTOR_SERVICE.*is required.*abuseipdb/,
    );
    expect(() => loadLocalConnectors({ CONFIG_FILE: join(dir, 'none.yml'), CONNECTOR_SERVICE: 'no-such-service' }, SERVICES)).toThrow(
      /CONNECTOR_SERVICE: expected one of/,
    );
  });

  it('reads several connectors from a connectors file, each with its own token, key and TLP', () => {
    const path = file(
      'two.yml',
      `opencti: { url: 'http://opencti:8080' }
connector: { auto: true }
connectors:
  - { service: shodan-internetdb, id: '${ID1}', name: Shodan, scope: IPv4-Addr, token: token-one }
  - { service: abuseipdb, id: '${ID2}', name: AbuseIPDB, scope: [IPv4-Addr, IPv6-Addr], token_secret: opencti/abuse, api_key: k-123456, max_tlp: green, concurrency: 2 }
`,
    );
    const [a, b] = loadLocalConnectors({ CONNECTORS_FILE: path, CONNECTOR_ID: 'ignored-here' }, SERVICES);
    expect(a!.config.opencti.token).toEqual({ kind: 'value', setting: 'OPENCTI_TOKEN', value: 'token-one' });
    expect(a!.config.connector.auto).toBe(true);
    expect(b!.config.opencti.token).toMatchObject({ kind: 'secrets-manager', secretId: 'opencti/abuse' });
    expect(b!.config.service).toMatchObject({ maxTlp: 'TLP:GREEN', apiKey: { kind: 'value', value: 'k-123456' } });
    expect(b!.config.connector.scope).toEqual(['IPv4-Addr', 'IPv6-Addr']);
    expect(b!.concurrency).toBe(2);
  });

  it("reads a service's own settings and the score policy from its entry in a connectors file", () => {
    const path = file(
      'options.yml',
      `opencti: { url: 'http://opencti:8080' }
connectors:
  - { service: virustotal, id: '${ID1}', name: VirusTotal, scope: Url, token: t-123456, api_key: k-123456, ip_add_relationships: true, url_indicator_valid_minutes: 60, replace_with_lower_score: true }
`,
    );
    const [vt] = loadLocalConnectors({ CONNECTORS_FILE: path }, SERVICES);
    expect(vt!.config.service).toMatchObject({
      replaceWithLowerScore: true,
      options: expect.objectContaining({ ipAddRelationships: true, urlIndicatorValidMinutes: 60, domainAddRelationships: false }),
    });
  });

  it('reads the quota settings of each entry, and names the entry of a bad one', () => {
    const path = file(
      'quota.yml',
      `opencti: { url: 'http://opencti:8080' }
connectors:
  - { service: abuseipdb, id: '${ID1}', name: AbuseIPDB, scope: IPv4-Addr, token: t-123456, api_key: k-123456, rate_limit: 4/m, manual_reserve: 50%, cache_ttl: 60, on_quota_exhausted: fail }
  - { service: shodan-internetdb, id: '${ID2}', name: Shodan, scope: IPv4-Addr, token: t-654321 }
`,
    );
    const [a, b] = loadLocalConnectors({ CONNECTORS_FILE: path }, SERVICES);
    expect(a!.config.service.quota).toMatchObject({
      rateLimit: [{ label: '4/m' }],
      manualReserve: 0.5,
      cacheTtlSeconds: 60,
      onQuotaExhausted: 'fail',
    });
    expect(b!.config.service.quota).toMatchObject({ rateLimit: [], cacheTtlSeconds: 86_400, skipPrivateAddresses: true });

    const bad = file(
      'bad-quota.yml',
      `opencti: { url: 'http://opencti:8080' }
connectors:
  - { service: shodan-internetdb, id: '${ID2}', name: Shodan, scope: IPv4-Addr, token: t-654321, rate_limit: lots }
`,
    );
    expect(() => loadLocalConnectors({ CONNECTORS_FILE: bad }, SERVICES)).toThrow(
      /connectors\[0\] \(Shodan\): shodan_internetdb.rate_limit/,
    );
  });

  it('names the entry and the key of every mistake in a connectors file', () => {
    const path = file(
      'bad.yml',
      `opencti: { url: 'http://opencti:8080' }
connectors:
  - { service: abuseipdb, id: not-a-uuid, name: AbuseIPDB, scope: IPv4-Addr, token: t-123456 }
  - { service: shodan-internetdb, id: '${ID1}', name: Shodan, scope: IPv4-Addr }
`,
    );
    let error: ConfigError | undefined;
    try {
      loadLocalConnectors({ CONNECTORS_FILE: path }, SERVICES);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems.map((p) => p.variable)).toEqual([
      'connectors[0] (AbuseIPDB): connector.id',
      'connectors[0] (AbuseIPDB): abuseipdb.api_key',
      'connectors[1] (Shodan): opencti.token',
    ]);
  });

  it('refuses two connectors with one id', () => {
    const path = file(
      'dup.yml',
      `opencti: { url: 'http://opencti:8080' }
connectors:
  - { service: google-dns, id: '${ID1}', name: DNS one, scope: Domain-Name, token: t-123456 }
  - { service: google-dns, id: '${ID1}', name: DNS two, scope: Domain-Name, token: t-654321 }
`,
    );
    expect(() => loadLocalConnectors({ CONNECTORS_FILE: path }, SERVICES)).toThrow(/each connector needs its own id/);
  });

  it('finds nothing wrong in the shipped sample but its ChangeMe placeholders', () => {
    let error: ConfigError | undefined;
    try {
      loadLocalConnectors({ CONNECTORS_FILE: join(__dirname, '..', '..', 'connectors.sample.yml') }, SERVICES);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems.map((p) => p.variable.replace(/^.*: /, ''))).toEqual([
      'opencti.token',
      'opencti.token',
      'abuseipdb.api_key',
      'opencti.token',
      'opencti.token',
      'opencti.token',
      'ipinfo.api_key',
      'opencti.token',
      'virustotal.api_key',
      'opencti.token',
      'crowdsec.api_key',
      'opencti.token',
      'hybrid_analysis_sandbox.api_key',
      'opencti.token',
      'shodan.api_key',
      'opencti.token',
      'greynoise.api_key',
    ]);
  });
});

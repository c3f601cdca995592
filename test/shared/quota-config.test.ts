import { ConfigError, loadConnectorConfig, type ConfigSource, type ServiceSettingsSpec } from '../../shared/config';

const ID = '0b0c8a6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const minimal = {
  OPENCTI_URL: 'http://opencti:8080',
  OPENCTI_TOKEN: 'tok-123456',
  CONNECTOR_ID: ID,
  CONNECTOR_NAME: 'AbuseIPDB',
  CONNECTOR_SCOPE: 'IPv4-Addr',
  ABUSEIPDB_API_KEY: 'k-123456',
};
const abuseipdb: ServiceSettingsSpec = {
  name: 'abuseipdb',
  apiKey: 'required',
  defaultBaseUrl: 'https://api.abuseipdb.com/api/v2',
  defaultRateLimit: '1000/d',
  defaultCacheTtlSeconds: 86_400,
};
const source = (env: Record<string, string | undefined>, yaml: Record<string, unknown> = {}): ConfigSource => ({ env, yaml });
const quotaOf = (env: Record<string, string | undefined>, yaml?: Record<string, unknown>) =>
  loadConnectorConfig(source({ ...minimal, ...env }, yaml), abuseipdb).service.quota;

describe('quota settings of a connector', () => {
  it("defaults to the service's documented limit and cache lifetime, a 20% manual reserve, private addresses skipped, waiting", () => {
    expect(quotaOf({})).toEqual({
      rateLimit: [{ count: 1000, periodMs: 86_400_000, label: '1000/d' }],
      manualReserve: 0.2,
      cacheTtlSeconds: 86_400,
      manualBypassCache: false,
      skipPrivateAddresses: true,
      onQuotaExhausted: 'wait',
    });
  });

  it('reads each setting from the environment, or from the service section of config.yml', () => {
    const fromEnv = quotaOf({
      ABUSEIPDB_RATE_LIMIT: '4/m,500/d',
      ABUSEIPDB_MANUAL_RESERVE: '50%',
      ABUSEIPDB_CACHE_TTL: '0',
      ABUSEIPDB_MANUAL_BYPASS_CACHE: 'true',
      ABUSEIPDB_SKIP_PRIVATE_ADDRESSES: 'false',
      ABUSEIPDB_ON_QUOTA_EXHAUSTED: 'FAIL',
    });
    expect(fromEnv).toEqual({
      rateLimit: [
        { count: 4, periodMs: 60_000, label: '4/m' },
        { count: 500, periodMs: 86_400_000, label: '500/d' },
      ],
      manualReserve: 0.5,
      cacheTtlSeconds: 0,
      manualBypassCache: true,
      skipPrivateAddresses: false,
      onQuotaExhausted: 'fail',
    });
    const yaml = { abuseipdb: { rate_limit: ['20/10s'], manual_reserve: 0.1, cache_ttl: 3600, on_quota_exhausted: 'fail' } };
    expect(quotaOf({}, yaml)).toMatchObject({
      rateLimit: [{ count: 20, periodMs: 10_000, label: '20/10s' }],
      manualReserve: 0.1,
      cacheTtlSeconds: 3600,
      onQuotaExhausted: 'fail',
    });
  });

  it('takes none as no limit, and a service that declares no default has none and no cache', () => {
    expect(quotaOf({ ABUSEIPDB_RATE_LIMIT: 'none' }).rateLimit).toEqual([]);
    const bare = loadConnectorConfig(source(minimal), { name: 'abuseipdb', apiKey: 'required', defaultBaseUrl: 'https://x.example' });
    expect(bare.service.quota).toMatchObject({ rateLimit: [], cacheTtlSeconds: 0 });
  });

  it.each([
    [
      'ABUSEIPDB_RATE_LIMIT',
      '4 per minute',
      /ABUSEIPDB_RATE_LIMIT \(config.yml: abuseipdb.rate_limit\): expected a comma list of <count>\/<period>/,
    ],
    ['ABUSEIPDB_MANUAL_RESERVE', '100%', /ABUSEIPDB_MANUAL_RESERVE .*from 0 to below 100%/],
    ['ABUSEIPDB_CACHE_TTL', '-1', /ABUSEIPDB_CACHE_TTL .*a number of seconds from 0/],
    ['ABUSEIPDB_MANUAL_BYPASS_CACHE', 'maybe', /ABUSEIPDB_MANUAL_BYPASS_CACHE .*true or false/],
    ['ABUSEIPDB_SKIP_PRIVATE_ADDRESSES', 'sometimes', /ABUSEIPDB_SKIP_PRIVATE_ADDRESSES .*true or false/],
    ['ABUSEIPDB_ON_QUOTA_EXHAUSTED', 'retry', /ABUSEIPDB_ON_QUOTA_EXHAUSTED .*wait .* or fail/],
  ])('rejects a bad %s, naming it and what it expects', (variable, value, message) => {
    let error: unknown;
    try {
      loadConnectorConfig(source({ ...minimal, [variable]: value }), abuseipdb);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
    expect((error as Error).message).toMatch(message);
  });
});

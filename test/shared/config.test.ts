import {
  booleanOption,
  choiceOption,
  ConfigError,
  integerOption,
  loadConnectorConfig,
  scoreOption,
  type ConfigSource,
  type ServiceSettingsSpec,
} from '../../shared/config';

const service: ServiceSettingsSpec = { name: 'shodan-internetdb', apiKey: 'none', defaultBaseUrl: 'https://internetdb.shodan.io' };
const keyed: ServiceSettingsSpec = { name: 'abuseipdb', apiKey: 'required', defaultBaseUrl: 'https://api.abuseipdb.com/api/v2/' };
const ID = '0b0c8a6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const minimal = {
  OPENCTI_URL: 'http://opencti:8080',
  OPENCTI_TOKEN: 'tok-123456',
  CONNECTOR_ID: ID,
  CONNECTOR_NAME: 'Shodan InternetDB',
  CONNECTOR_SCOPE: 'IPv4-Addr,IPv6-Addr',
};
const source = (env: Record<string, string | undefined>, yaml: Record<string, unknown> = {}): ConfigSource => ({ env, yaml });

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConnectorConfig', () => {
  it('reads the seed variables with their defaults', () => {
    const config = loadConnectorConfig(source(minimal), service);
    expect(config.opencti).toEqual({
      url: 'http://opencti:8080',
      token: { kind: 'value', setting: 'OPENCTI_TOKEN', value: 'tok-123456' },
      sslVerify: true,
    });
    expect(config.connector).toMatchObject({
      id: ID,
      type: 'INTERNAL_ENRICHMENT',
      scope: ['IPv4-Addr', 'IPv6-Addr'],
      auto: false,
      listenProtocol: 'AMQP',
      queueProtocol: 'api',
      logLevel: 'INFO',
    });
    expect(config.service).toMatchObject({ maxTlp: 'TLP:AMBER', baseUrl: 'https://internetdb.shodan.io', envPrefix: 'SHODAN_INTERNETDB' });
  });

  it('takes the environment over config.yml, and config.yml over the default', () => {
    const yaml = { connector: { auto: true, log_level: 'debug', name: 'From YAML' }, shodan_internetdb: { max_tlp: 'green' } };
    const config = loadConnectorConfig(source({ ...minimal, CONNECTOR_NAME: 'From env' }, yaml), service);
    expect(config.connector.name).toBe('From env');
    expect(config.connector.auto).toBe(true);
    expect(config.connector.logLevel).toBe('DEBUG');
    expect(config.service.maxTlp).toBe('TLP:GREEN');
  });

  it('treats an empty variable as unset', () => {
    const yaml = { connector: { auto: true } };
    const config = loadConnectorConfig(source({ ...minimal, CONNECTOR_AUTO: '', CONNECTOR_LOG_LEVEL: '' }, yaml), service);
    expect(config.connector.auto).toBe(true);
    expect(config.connector.logLevel).toBe('INFO');
  });

  it('reads every setting from config.yml alone, with the keys pycti uses', () => {
    const yaml = {
      opencti: { url: 'https://cti.example.org/', token: 'yaml-token', ssl_verify: false },
      connector: { id: ID, name: 'Shodan', scope: 'IPv4-Addr', auto: 'true', queue_protocol: 'AMQP', listen_protocol: 'api' },
    };
    const config = loadConnectorConfig(source({}, yaml), service);
    expect(config.opencti.url).toBe('https://cti.example.org');
    expect(config.opencti.sslVerify).toBe(false);
    expect(config.connector).toMatchObject({ auto: true, queueProtocol: 'amqp', listenProtocol: 'API' });
  });

  it('names every missing required setting in one error', () => {
    expect(problemsOf(() => loadConnectorConfig(source({}), keyed))).toEqual([
      'OPENCTI_URL',
      'OPENCTI_TOKEN',
      'CONNECTOR_ID',
      'CONNECTOR_NAME',
      'CONNECTOR_SCOPE',
      'ABUSEIPDB_API_KEY',
    ]);
  });

  it.each([
    ['OPENCTI_URL', 'opencti:8080'],
    ['CONNECTOR_ID', 'ChangeMe'],
    ['CONNECTOR_AUTO', 'maybe'],
    ['CONNECTOR_LOG_LEVEL', 'chatty'],
    ['CONNECTOR_LISTEN_PROTOCOL', 'HTTP'],
    ['CONNECTOR_QUEUE_PROTOCOL', 'kafka'],
    ['CONNECTOR_CONFIDENCE_LEVEL', 'high'],
    ['SHODAN_INTERNETDB_MAX_TLP', 'TLP:PURPLE'],
    ['SHODAN_INTERNETDB_BASE_URL', 'internetdb'],
    ['SHODAN_INTERNETDB_REPLACE_WITH_LOWER_SCORE', 'sometimes'],
    ['CONNECTOR_NAME', 'x'],
  ])('rejects a bad %s and names it', (variable, value) => {
    expect(problemsOf(() => loadConnectorConfig(source({ ...minimal, [variable]: value }), service))).toEqual([variable]);
  });

  it.each(['OPENCTI_URL', 'SHODAN_INTERNETDB_BASE_URL'])(
    'refuses a user name or password in %s, naming it and never the password',
    (variable) => {
      const url = 'https://admin:hunter22@opencti.example.org';
      const error = (() => {
        try {
          loadConnectorConfig(source({ ...minimal, [variable]: url }), service);
        } catch (e) {
          return e as Error;
        }
        throw new Error('expected a ConfigError');
      })();
      expect(error.message).toMatch(new RegExp(`${variable}.*: must not carry a user name or password \\(https://user:pass@host\\)`));
      expect(error.message).not.toContain('hunter22');
      expect(loadConnectorConfig(source({ ...minimal, [variable]: 'https://opencti.example.org/' }), service)).toBeDefined();
    },
  );

  it('lets a service lower a higher score only when <SERVICE>_REPLACE_WITH_LOWER_SCORE is true', () => {
    const withKey = { ...minimal, ABUSEIPDB_API_KEY: 'k-123456' };
    expect(loadConnectorConfig(source(withKey), keyed).service.replaceWithLowerScore).toBe(false);
    expect(
      loadConnectorConfig(source({ ...withKey, ABUSEIPDB_REPLACE_WITH_LOWER_SCORE: 'true' }), keyed).service.replaceWithLowerScore,
    ).toBe(true);
    const yaml = { abuseipdb: { replace_with_lower_score: true } };
    expect(loadConnectorConfig(source(withKey, yaml), keyed).service.replaceWithLowerScore).toBe(true);
    expect(() => loadConnectorConfig(source({ ...withKey, ABUSEIPDB_REPLACE_WITH_LOWER_SCORE: 'lower' }), keyed)).toThrow(
      /ABUSEIPDB_REPLACE_WITH_LOWER_SCORE \(config.yml: abuseipdb.replace_with_lower_score\): expected true or false, got "lower"/,
    );
  });

  it("reads a service's own options as <SERVICE>_<OPTION> or from its config.yml section, with their defaults", () => {
    const withOptions: ServiceSettingsSpec = {
      ...service,
      options: { ipAddRelationships: booleanOption(false), urlIndicatorValidMinutes: integerOption(2880, 1) },
    };
    expect(loadConnectorConfig(source(minimal), withOptions).service.options).toEqual({
      ipAddRelationships: false,
      urlIndicatorValidMinutes: 2880,
    });
    const set = { ...minimal, SHODAN_INTERNETDB_IP_ADD_RELATIONSHIPS: 'yes' };
    const yaml = { shodan_internetdb: { url_indicator_valid_minutes: 60 } };
    expect(loadConnectorConfig(source(set, yaml), withOptions).service.options).toEqual({
      ipAddRelationships: true,
      urlIndicatorValidMinutes: 60,
    });
    expect(() => loadConnectorConfig(source({ ...minimal, SHODAN_INTERNETDB_URL_INDICATOR_VALID_MINUTES: '0' }), withOptions)).toThrow(
      /SHODAN_INTERNETDB_URL_INDICATOR_VALID_MINUTES \(config.yml: shodan_internetdb.url_indicator_valid_minutes\): expected a whole number of at least 1, got "0"/,
    );
    expect(loadConnectorConfig(source(minimal), service).service.options).toEqual({});
  });

  it('reads a choice in any case and a 0-100 score, unset when it has no default, naming the variable when bad', () => {
    const withOptions: ServiceSettingsSpec = {
      ...service,
      options: { keyType: choiceOption(['enterprise', 'community'], 'enterprise'), defaultScore: scoreOption() },
    };
    expect(loadConnectorConfig(source(minimal), withOptions).service.options).toEqual({ keyType: 'enterprise', defaultScore: undefined });
    const set = { ...minimal, SHODAN_INTERNETDB_KEY_TYPE: 'Community', SHODAN_INTERNETDB_DEFAULT_SCORE: '40' };
    expect(loadConnectorConfig(source(set), withOptions).service.options).toEqual({ keyType: 'community', defaultScore: 40 });
    expect(() => loadConnectorConfig(source({ ...minimal, SHODAN_INTERNETDB_KEY_TYPE: 'free' }), withOptions)).toThrow(
      /SHODAN_INTERNETDB_KEY_TYPE .*expected one of enterprise, community, got "free"/,
    );
    expect(() => loadConnectorConfig(source({ ...minimal, SHODAN_INTERNETDB_DEFAULT_SCORE: '101' }), withOptions)).toThrow(
      /SHODAN_INTERNETDB_DEFAULT_SCORE .*expected a whole number from 0 to 100, got "101"/,
    );
  });

  it('accepts only INTERNAL_ENRICHMENT as connector type, and says so', () => {
    expect(() => loadConnectorConfig(source({ ...minimal, CONNECTOR_TYPE: 'EXTERNAL_IMPORT' }), service)).toThrow(
      /CONNECTOR_TYPE.*INTERNAL_ENRICHMENT: these functions are enrichment connectors only/,
    );
  });

  it('rejects the ChangeMe token without printing any token value', () => {
    const error = (() => {
      try {
        loadConnectorConfig(source({ ...minimal, OPENCTI_TOKEN: 'ChangeMe' }), service);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/OPENCTI_TOKEN/);
    expect(error?.message).not.toMatch(/ChangeMe/);
  });

  it('takes secrets by Secrets Manager name, and refuses both forms at once', () => {
    const config = loadConnectorConfig(
      source({
        ...minimal,
        OPENCTI_TOKEN: '',
        OPENCTI_TOKEN_SECRET: 'opencti/abuseipdb',
        ABUSEIPDB_API_KEY_SECRET: 'arn:aws:secretsmanager:eu-west-1:1:secret:k',
      }),
      keyed,
    );
    expect(config.opencti.token).toEqual({ kind: 'secrets-manager', setting: 'OPENCTI_TOKEN_SECRET', secretId: 'opencti/abuseipdb' });
    expect(config.service.apiKey).toMatchObject({ kind: 'secrets-manager' });
    expect(problemsOf(() => loadConnectorConfig(source({ ...minimal, OPENCTI_TOKEN_SECRET: 'x', ABUSEIPDB_API_KEY: 'k' }), keyed))).toEqual(
      ['OPENCTI_TOKEN'],
    );
  });

  it('warns that OpenCTI >= 6.0 ignores CONNECTOR_CONFIDENCE_LEVEL', () => {
    const config = loadConnectorConfig(source({ ...minimal, CONNECTOR_CONFIDENCE_LEVEL: '50' }), service);
    expect(config.connector.confidenceLevel).toBe(50);
    expect(config.warnings).toEqual([expect.stringMatching(/CONNECTOR_CONFIDENCE_LEVEL is ignored by OpenCTI >= 6.0/)]);
  });

  it('trims scope entries, which pycti would register with their spaces', () => {
    expect(loadConnectorConfig(source({ ...minimal, CONNECTOR_SCOPE: 'IPv4-Addr, IPv6-Addr,' }), service).connector.scope).toEqual([
      'IPv4-Addr',
      'IPv6-Addr',
    ]);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { SERVICES } from '../../functions/services';
import { DeploymentConfigError, loadDeploymentConfig, parseDeploymentConfig, type ContextReader } from '../../infra/config';
import { REPO_ROOT } from '../../infra/paths';
import { findSourceFiles } from '../../infra/stacks/source-files';
import { defaultLayout } from '../../infra/paths';

const ID = '5fe21adc-52bc-435b-9e51-79494ba08a67';
const MINIMAL = {
  opencti: { url: 'https://opencti.example.org/' },
  ingress: 'callback',
  connectors: [{ service: 'shodan-internetdb', id: ID, tokenSecret: 'opencti/shodan/token' }],
};

const context = (values: Record<string, unknown>): ContextReader => ({ tryGetContext: (key) => values[key] });

/** The problems of a configuration that must not load. */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof DeploymentConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a DeploymentConfigError');
}

describe('parseDeploymentConfig', () => {
  it('applies the defaults to a minimal configuration', () => {
    const config = parseDeploymentConfig(MINIMAL, 'test');
    expect(config).toMatchObject({
      stackName: 'OpenCtiEnrichment',
      opencti: { url: 'https://opencti.example.org', sslVerify: true },
      claimCheck: { enabled: false },
      callback: { reservedConcurrency: 10 },
      alarms: { dlqMessages: 1, oldestMessageAgeSeconds: 3600 },
      logRetentionDays: 30,
    });
    expect(config.connectors).toEqual([
      {
        service: 'shodan-internetdb',
        id: ID,
        name: 'shodan-internetdb',
        scope: ['IPv4-Addr', 'IPv6-Addr'],
        auto: false,
        autoUpdate: false,
        onlyContextual: false,
        maxTlp: 'TLP:AMBER',
        tokenSecret: 'opencti/shodan/token',
        apiKeySecret: undefined,
        baseUrl: undefined,
        logLevel: 'info',
        queueProtocol: 'api',
        memorySize: 256,
        timeoutSeconds: 60,
        batchSize: 5,
        maxConcurrency: 10,
        maxReceives: 5,
        quota: {},
        settings: {},
      },
    ]);
  });

  it('lets a connector override the defaults section, which overrides the built-in defaults', () => {
    const config = parseDeploymentConfig(
      {
        ...MINIMAL,
        defaults: { timeoutSeconds: 30, maxTlp: 'green' },
        connectors: [{ ...MINIMAL.connectors[0], timeoutSeconds: '90', scope: 'IPv4-Addr' }],
      },
      'test',
    );
    expect(config.connectors[0]).toMatchObject({ timeoutSeconds: 90, maxTlp: 'TLP:GREEN', scope: ['IPv4-Addr'] });
  });

  it('names every missing required setting', () => {
    expect(problemsOf(() => parseDeploymentConfig({}, 'test'))).toEqual([
      'opencti: is required: a section with url (and sslVerify)',
      'connectors: is required: a list of at least one connector, each with service, id and tokenSecret',
    ]);
    expect(problemsOf(() => parseDeploymentConfig({ ...MINIMAL, connectors: [{ service: 'abuseipdb' }] }, 'test'))).toEqual([
      'connectors[0].id: is required: a UUID (generate one with `uuidgen`), kept stable across deploys',
      "connectors[0].tokenSecret: is required: the name or complete ARN of the Secrets Manager secret holding the connector's OpenCTI token",
    ]);
  });

  it('says what a bad value should be, and rejects unknown settings', () => {
    const problems = problemsOf(() =>
      parseDeploymentConfig(
        { ...MINIMAL, connectors: [{ ...MINIMAL.connectors[0], batchSize: 50, maxTlp: 'blue', tokenSecretName: 'x' }] },
        'test',
      ),
    );
    expect(problems).toEqual([
      'connectors[0].maxTlp: expected one of TLP:CLEAR, TLP:WHITE, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED, got "blue"',
      'connectors[0].batchSize: expected SQS messages per invocation (1-10), got 50',
      'connectors[0]: unknown setting "tokenSecretName" (check the spelling against infra/deploy-connectors.sample.yml)',
    ]);
  });

  it('requires the bridge network when ingress is bridge', () => {
    expect(problemsOf(() => parseDeploymentConfig({ ...MINIMAL, ingress: 'bridge' }, 'test'))).toEqual([
      "bridge: is required when ingress is 'bridge': vpcId, availabilityZones, subnetIds and platformCidr of the network the bridge container runs in (or set ingress: callback)",
    ]);
  });

  it('refuses a user name or password in opencti.url without echoing it', () => {
    const problems = problemsOf(() =>
      parseDeploymentConfig({ ...MINIMAL, opencti: { url: 'https://admin:hunter22@opencti.example.org' } }, 'test'),
    );
    expect(problems).toEqual([expect.stringMatching(/^opencti\.url: must not carry a user name or password/)]);
    expect(problems.join()).not.toContain('hunter22');
  });

  it('names a bad reserved concurrency of the callback function', () => {
    expect(problemsOf(() => parseDeploymentConfig({ ...MINIMAL, callback: { reservedConcurrency: 0 } }, 'test'))).toEqual([
      expect.stringMatching(/^callback\.reservedConcurrency: .*a number of concurrent executions \(1-1000\)/),
    ]);
  });

  it('rejects two connectors with the same service or id', () => {
    const twice = { ...MINIMAL, connectors: [MINIMAL.connectors[0], MINIMAL.connectors[0]] };
    expect(problemsOf(() => parseDeploymentConfig(twice, 'test'))).toEqual([
      'connectors[1].service: "shodan-internetdb" is used by two connectors: each connector needs its own service',
      `connectors[1].id: "${ID}" is used by two connectors: each connector needs its own id`,
    ]);
  });

  it('derives the event source concurrency from the rate limit unless the configuration sets it', () => {
    const connector = (service: string, extra: Record<string, unknown> = {}) => ({
      service,
      id: ID,
      tokenSecret: 't',
      ...(service === 'shodan-internetdb' || service === 'google-dns' ? {} : { apiKeySecret: 'k' }),
      ...extra,
    });
    const concurrency = (connectorInput: Record<string, unknown>, defaults: Record<string, unknown> = {}) =>
      parseDeploymentConfig({ ...MINIMAL, defaults, connectors: [connectorInput] }, 'test').connectors[0]!.maxConcurrency;
    // Tightest window × 2 s per lookup, at least 2: VirusTotal 4/m,500/d, Hybrid Analysis 200/m,2000/h, Shodan 1/s.
    expect(concurrency(connector('virustotal'))).toBe(2);
    expect(concurrency(connector('hybrid-analysis-sandbox'))).toBe(2);
    expect(concurrency(connector('shodan'))).toBe(2);
    // No documented limit: 10.
    expect(concurrency(connector('google-dns'))).toBe(10);
    // The connector's own rate limit: 30/s → 60; 2000/s → 1000 at most.
    expect(concurrency(connector('google-dns', { quota: { rateLimit: '30/s' } }))).toBe(60);
    expect(concurrency(connector('google-dns', { quota: { rateLimit: '2000/s,100000/m' } }))).toBe(1000);
    expect(concurrency(connector('virustotal', { quota: { rateLimit: 'none' } }))).toBe(10);
    // Configuration wins: the connector, then the defaults section.
    expect(concurrency(connector('virustotal', { maxConcurrency: 7 }), { maxConcurrency: 3 })).toBe(7);
    expect(concurrency(connector('google-dns'), { maxConcurrency: 3 })).toBe(3);
  });

  it('passes quota settings checked with the function parsers, naming each bad one', () => {
    const config = parseDeploymentConfig(
      { ...MINIMAL, connectors: [{ ...MINIMAL.connectors[0], quota: { rateLimit: '20/10s', manualReserve: '10%', cacheTtl: 0 } }] },
      'test',
    );
    expect(config.connectors[0]!.quota).toEqual({ rateLimit: '20/10s', manualReserve: '10%', cacheTtl: '0' });
    const bad = {
      ...MINIMAL,
      connectors: [
        {
          ...MINIMAL.connectors[0],
          quota: { rateLimit: '4 per minute', manualReserve: '150%', onQuotaExhausted: 'drop', skipPrivateAddresses: 'maybe', burst: 3 },
        },
      ],
    };
    const problems = problemsOf(() => parseDeploymentConfig(bad, 'test'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^connectors\[0\]\.quota\.rateLimit: expected a comma list of <count>\/<period>/),
        expect.stringMatching(/^connectors\[0\]\.quota\.manualReserve: expected a share of each window/),
        'connectors[0].quota.onQuotaExhausted: expected wait or fail',
        'connectors[0].quota.skipPrivateAddresses: expected true or false',
        expect.stringMatching(/^connectors\[0\]\.quota: unknown setting "burst"/),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it("takes the service's own settings by option key, checked with the service's own parsers", () => {
    const connector = { service: 'virustotal', id: ID, tokenSecret: 't', apiKeySecret: 'k' };
    const good = parseDeploymentConfig(
      { ...MINIMAL, connectors: [{ ...connector, settings: { ipAddRelationships: true, urlIndicatorValidMinutes: 60 } }] },
      'test',
    );
    expect(good.connectors[0]!.settings).toEqual({ ipAddRelationships: 'true', urlIndicatorValidMinutes: '60' });
    const bad = { ...connector, settings: { ipAddRelationship: true, urlIndicatorValidMinutes: 'an hour' } };
    expect(problemsOf(() => parseDeploymentConfig({ ...MINIMAL, connectors: [bad] }, 'test'))).toEqual([
      expect.stringMatching(
        /^connectors\[0\]\.settings\.ipAddRelationship: virustotal has no setting "ipAddRelationship" \(its settings: .*ipAddRelationships/,
      ),
      'connectors[0].settings.urlIndicatorValidMinutes: expected a whole number of at least 1, got "an hour"',
    ]);
  });

  it('checks the service exists and gets an API key secret exactly when it takes a key', () => {
    const connectors = [
      { service: 'no-such-service', id: ID, tokenSecret: 't' },
      { service: 'abuseipdb', id: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c52', tokenSecret: 't' },
      { service: 'google-dns', id: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d63', tokenSecret: 't', apiKeySecret: 'k' },
    ];
    const problems = problemsOf(() => parseDeploymentConfig({ ...MINIMAL, connectors }, 'test'));
    expect(problems).toEqual([
      expect.stringContaining(
        `connectors[0].service: unknown service "no-such-service": expected one of ${SERVICES.map((s) => s.name).join(', ')}`,
      ),
      expect.stringMatching(/^connectors\[1\]\.apiKeySecret: is required: abuseipdb needs an API key/),
      expect.stringMatching(/^connectors\[2\]\.apiKeySecret: google-dns takes no API key/),
    ]);
  });
});

describe('loadDeploymentConfig', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'infra-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the YAML file named by the context value configFile, relative to the project', () => {
    writeFileSync(join(dir, 'deploy.yml'), stringify(MINIMAL));
    expect(loadDeploymentConfig(context({ configFile: 'deploy.yml' }), dir).connectors[0]?.id).toBe(ID);
  });

  it('reads the connectors entry and its sibling keys from the context, JSON strings included', () => {
    const config = loadDeploymentConfig(
      context({ ...MINIMAL, connectors: JSON.stringify(MINIMAL.connectors), logRetentionDays: '14' }),
      dir,
    );
    expect(config).toMatchObject({ logRetentionDays: 14, connectors: [{ id: ID }] });
  });

  it('explains where the configuration goes when there is none', () => {
    expect(problemsOf(() => loadDeploymentConfig(context({}), dir))).toEqual([
      expect.stringContaining('set the context value `configFile` to a YAML file'),
    ]);
    expect(problemsOf(() => loadDeploymentConfig(context({ configFile: 'nowhere.yml' }), dir))).toEqual([
      expect.stringContaining('the file does not exist'),
    ]);
  });

  it('refuses both a configFile and a connectors entry', () => {
    expect(problemsOf(() => loadDeploymentConfig(context({ configFile: 'deploy.yml', connectors: [] }), dir))).toEqual([
      'set either `configFile` or `connectors`, not both',
    ]);
  });

  it('loads the shipped sample, whose services all have a handler', () => {
    const config = loadDeploymentConfig(context({ configFile: 'infra/deploy-connectors.sample.yml' }), REPO_ROOT);
    expect(config).toMatchObject({ sample: true, ingress: 'bridge' });
    expect(config.connectors.map((c) => c.service).sort()).toEqual(SERVICES.map((s) => s.name).sort());
    expect(() => findSourceFiles({ ...config, ingress: 'callback' }, defaultLayout())).not.toThrow();
  });
});

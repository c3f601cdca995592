import { ConfigError } from '../../shared/config';
import { loadBridgeConfig } from '../../functions/bridge';

const ID_A = '7a4a9e0e-5c43-4d28-9a39-5b5d3b0e2f11';
const ID_B = 'C0FFEE00-1111-4222-8333-444455556666';
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/abuseipdb';

const env = (overrides: Record<string, string | undefined> = {}) => ({
  OPENCTI_URL: 'https://opencti.example.org/',
  BRIDGE_CONNECTORS: JSON.stringify([
    { id: ID_A, name: 'AbuseIPDB', scope: ['IPv4-Addr', 'IPv6-Addr'], auto: true, token_secret: 'opencti/abuseipdb', queue_url: QUEUE },
    {
      id: ID_B,
      name: 'Shodan InternetDB',
      scope: 'IPv4-Addr, IPv6-Addr',
      auto_update: 'true',
      only_contextual: 'yes',
      token: 'inline-token-b',
      queue_url: QUEUE,
    },
  ]),
  ...overrides,
});

/** The problems of a configuration that does not load, as `variable: expected` lines. */
function problems(values: Record<string, string | undefined>): string[] {
  try {
    loadBridgeConfig(values);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.variable}: ${p.expected}`);
  }
  throw new Error('configuration loaded');
}

describe('loadBridgeConfig', () => {
  it('reads the connectors, tokens as secret references, and the defaults', () => {
    const config = loadBridgeConfig(env());

    expect(config.opencti).toEqual({ url: 'https://opencti.example.org', sslVerify: true });
    expect(config.listenProtocol).toBe('AMQP');
    expect(config.connectors).toEqual([
      {
        id: ID_A,
        name: 'AbuseIPDB',
        scope: ['IPv4-Addr', 'IPv6-Addr'],
        auto: true,
        autoUpdate: false,
        onlyContextual: false,
        token: { kind: 'secrets-manager', setting: 'BRIDGE_CONNECTORS[0].token_secret', secretId: 'opencti/abuseipdb' },
        queueUrl: QUEUE,
      },
      {
        id: ID_B.toLowerCase(),
        name: 'Shodan InternetDB',
        scope: ['IPv4-Addr', 'IPv6-Addr'],
        auto: false,
        autoUpdate: true,
        onlyContextual: true,
        token: { kind: 'value', setting: 'BRIDGE_CONNECTORS[1].token', value: 'inline-token-b' },
        queueUrl: QUEUE,
      },
    ]);
    expect(config).toMatchObject({ mq: {}, healthPort: 8080, prefetch: 200, maxMessageBytes: 262144, logLevel: 'INFO', timings: {} });
    expect(config.claimCheck).toBeUndefined();
  });

  it('reads the MQ overrides, claim check and tunables', () => {
    const config = loadBridgeConfig(
      env({
        MQ_HOST: 'rabbitmq.internal',
        MQ_PORT: '5671',
        MQ_VHOST: '/',
        MQ_USE_SSL: 'true',
        MQ_USER: 'opencti',
        MQ_PASS_SECRET: 'opencti/rabbitmq',
        BRIDGE_HEALTH_PORT: '9000',
        BRIDGE_CLAIM_CHECK_BUCKET: 'my-claim-checks',
        BRIDGE_PREFETCH: '50',
        BRIDGE_LINGER_MS: '10',
        BRIDGE_SHUTDOWN_TIMEOUT_SECONDS: '25',
        BRIDGE_STATS_INTERVAL_SECONDS: '30',
        BRIDGE_LOG_LEVEL: 'warning',
      }),
    );

    expect(config.mq).toEqual({
      host: 'rabbitmq.internal',
      port: 5671,
      vhost: '/',
      useSsl: true,
      user: 'opencti',
      pass: { kind: 'secrets-manager', setting: 'MQ_PASS_SECRET', secretId: 'opencti/rabbitmq' },
    });
    expect(config.claimCheck).toEqual({ kind: 's3', bucket: 'my-claim-checks', prefix: 'claim-check/' });
    expect(config).toMatchObject({
      healthPort: 9000,
      prefetch: 50,
      logLevel: 'WARN',
      timings: { lingerMs: 10, shutdownTimeoutMs: 25_000, statsIntervalMs: 30_000 },
    });
  });

  it('builds callback URIs from BRIDGE_CALLBACK_URL in API mode', () => {
    const config = loadBridgeConfig(
      env({ CONNECTOR_LISTEN_PROTOCOL: 'api', BRIDGE_CALLBACK_URL: 'https://abc.lambda-url.eu-west-1.on.aws/' }),
    );
    expect(config.listenProtocol).toBe('API');
    expect(config.connectors.map((c) => c.listenCallbackUri)).toEqual([
      `https://abc.lambda-url.eu-west-1.on.aws/${ID_A}`,
      `https://abc.lambda-url.eu-west-1.on.aws/${ID_B.toLowerCase()}`,
    ]);
  });

  it('names every bad variable in one error', () => {
    expect(problems({ MQ_PORT: 'x', BRIDGE_HEALTH_PORT: '70000', OPENCTI_SSL_VERIFY: 'maybe', CONNECTOR_LISTEN_PROTOCOL: 'HTTP' })).toEqual(
      [
        'OPENCTI_URL: is required: the platform URL, e.g. http://opencti:8080',
        'OPENCTI_SSL_VERIFY: expected true or false, got "maybe"',
        'CONNECTOR_LISTEN_PROTOCOL: expected AMQP or API, got "HTTP"',
        expect.stringMatching(/^BRIDGE_CONNECTORS: is required/),
        'MQ_PORT: expected a port number, got "x"',
        'BRIDGE_HEALTH_PORT: expected a port number (0 for any free port), got "70000"',
      ],
    );
  });

  it('names each bad field of each connector and never echoes a token', () => {
    const list = JSON.stringify([
      { id: 'not-a-uuid', name: 'A', scope: 'IPv4-Addr', token: 'super-secret-token-1', queue_url: 'sqs' },
      { id: ID_A, name: 'Fine name', scope: ['IPv4-Addr'], token: 'super-secret-token-2', token_secret: 'x', queue_url: QUEUE },
      { id: ID_B, name: 'No token', scope: [], queue_url: QUEUE },
      { id: ID_B, name: 'Twice', scope: [], token: 't', queue_url: QUEUE },
    ]);

    const found = problems(env({ BRIDGE_CONNECTORS: list }));

    expect(found).toEqual([
      'BRIDGE_CONNECTORS[0].id: expected a UUID, the connector id',
      'BRIDGE_CONNECTORS[0].name: expected a name of at least 2 characters',
      'BRIDGE_CONNECTORS[0].queue_url: expected the http(s) URL of the SQS queue',
      'BRIDGE_CONNECTORS[1].token: set either token or token_secret, not both',
      "BRIDGE_CONNECTORS[2].token: is required (or token_secret): the API token of the connector's OpenCTI user",
      `BRIDGE_CONNECTORS[3].id: expected a unique connector id (${ID_B.toLowerCase()} appears twice)`,
    ]);
    expect(found.join('\n')).not.toMatch(/super-secret/);
  });

  it('requires a callback URI per connector in API mode, and one claim-check store at most', () => {
    expect(
      problems(
        env({
          CONNECTOR_LISTEN_PROTOCOL: 'API',
          BRIDGE_CLAIM_CHECK_BUCKET: 'b-1',
          BRIDGE_CLAIM_CHECK_DIR: '/tmp/x',
          MQ_PASS: 'p',
          MQ_PASS_SECRET: 's',
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^BRIDGE_CONNECTORS\[0\]\.listen_callback_uri: is required in API listen mode/),
      expect.stringMatching(/^BRIDGE_CONNECTORS\[1\]\.listen_callback_uri: is required in API listen mode/),
      'MQ_PASS: set either MQ_PASS or MQ_PASS_SECRET, not both',
      'BRIDGE_CLAIM_CHECK_BUCKET: set either BRIDGE_CLAIM_CHECK_BUCKET or BRIDGE_CLAIM_CHECK_DIR, not both',
    ]);
  });

  it('needs no OpenCTI URL for the callback Lambda', () => {
    const config = loadBridgeConfig(env({ OPENCTI_URL: undefined }), { purpose: 'callback' });
    expect(config.listenProtocol).toBe('API');
    expect(config.connectors).toHaveLength(2);
  });

  it('rejects a list that is not JSON without echoing it', () => {
    expect(problems(env({ BRIDGE_CONNECTORS: '[{"token":"leaky-secret"' }))).toEqual([
      'BRIDGE_CONNECTORS: expected a JSON list of connector objects (the value is not valid JSON)',
    ]);
  });
});

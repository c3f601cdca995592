/** Deployment configurations the stack tests synthesize, written as a user would (context keys). */

export const IDS = {
  shodan: '3f0e8c52-4a1b-4c7e-9a55-0d8f1b2c3d41',
  abuseipdb: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c52',
  ipinfo: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d63',
  googleDns: 'c9d8e7f6-a5b4-4c3d-9e2f-1a0b9c8d7e74',
  firstEpss: 'd4c3b2a1-0f9e-4d8c-8b7a-6f5e4d3c2b85',
  virustotal: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a96',
} as const;

export const ABUSEIPDB_TOKEN_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:opencti/abuseipdb/token-AbCdEf';
export const ALARM_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:opencti-alerts';

const common = {
  env: { account: '123456789012', region: 'eu-west-1' },
  opencti: { url: 'https://opencti.internal.test', sslVerify: true },
  logRetentionDays: 90,
};

/**
 * Every service with its own tunables, fed by the callback endpoint (no Dockerfile needed), with a
 * claim-check bucket and an alarm topic.
 */
export const CONNECTORS_CONFIG = {
  ...common,
  stackName: 'EnrichmentTest',
  ingress: 'callback',
  callback: { reservedConcurrency: 25 },
  claimCheck: { enabled: true, expirationDays: 3 },
  alarms: { snsTopicArn: ALARM_TOPIC, oldestMessageAgeSeconds: 1800, dlqMessages: 2 },
  defaults: { timeoutSeconds: 45, maxReceives: 4 },
  connectors: [
    {
      service: 'shodan-internetdb',
      id: IDS.shodan,
      name: 'Shodan InternetDB',
      scope: ['IPv4-Addr'],
      tokenSecret: 'opencti/shodan/token',
      timeoutSeconds: 30,
      batchSize: 10,
      maxConcurrency: 5,
      maxReceives: 3,
    },
    {
      service: 'abuseipdb',
      id: IDS.abuseipdb,
      name: 'AbuseIPDB',
      tokenSecret: ABUSEIPDB_TOKEN_ARN,
      apiKeySecret: 'opencti/abuseipdb/api-key',
      memorySize: 512,
    },
    {
      service: 'ipinfo',
      id: IDS.ipinfo,
      name: 'IPinfo',
      tokenSecret: 'opencti/ipinfo/token',
      apiKeySecret: 'opencti/ipinfo/api-key',
      baseUrl: 'https://ipinfo.example.test',
      quota: { rateLimit: '50/s', cacheTtl: 600 },
    },
    { service: 'google-dns', id: IDS.googleDns, tokenSecret: 'opencti/google-dns/token', timeoutSeconds: 120 },
    { service: 'first-epss', id: IDS.firstEpss, name: 'FIRST EPSS', auto: true, maxTlp: 'white', tokenSecret: 'opencti/first-epss/token' },
    {
      service: 'virustotal',
      id: IDS.virustotal,
      tokenSecret: 'opencti/virustotal/token',
      apiKeySecret: 'opencti/virustotal/api-key',
      // The one connector publishing over AMQP: its function alone ships amqplib.
      queueProtocol: 'amqp',
      settings: { ipAddRelationships: true, urlIndicatorValidMinutes: 60 },
    },
  ],
};

/** Two connectors forwarded by the bridge on Fargate in an existing VPC. */
export const BRIDGE_CONFIG = {
  ...common,
  stackName: 'EnrichmentBridgeTest',
  ingress: 'bridge',
  bridge: {
    vpcId: 'vpc-0a1b2c3d4e5f60718',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    subnetIds: ['subnet-0aa11bb22cc33dd44', 'subnet-0ee55ff66aa77bb88'],
    platformCidr: '10.20.0.0/16',
    platformPort: 8080,
    rabbitmqCidr: '10.30.0.0/24',
    rabbitmqPort: 5671,
    rabbitmq: { host: 'rabbitmq.internal.test', useSsl: true, user: 'opencti', passwordSecret: 'opencti/rabbitmq/password' },
  },
  claimCheck: { enabled: true },
  connectors: [
    { service: 'shodan-internetdb', id: IDS.shodan, tokenSecret: 'opencti/shodan/token' },
    { service: 'abuseipdb', id: IDS.abuseipdb, tokenSecret: ABUSEIPDB_TOKEN_ARN, apiKeySecret: 'opencti/abuseipdb/api-key' },
  ],
};

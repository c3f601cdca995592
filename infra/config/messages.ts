import type { z } from 'zod';

const TCP_PORT = 'a TCP port (1-65535)';
const BOOLEAN = 'true or false';

/** What each setting expects, by key, for error messages that say how to fix them. */
const EXPECTED: Record<string, string> = {
  stackName: 'a CloudFormation stack name (letters, digits and hyphens, starting with a letter)',
  account: 'a 12-digit AWS account id',
  region: 'an AWS region, e.g. eu-west-1',
  sample: BOOLEAN,
  opencti: 'a section with url (and sslVerify)',
  url: 'the OpenCTI platform URL as the functions and the bridge reach it, e.g. https://opencti.example.org',
  sslVerify: BOOLEAN,
  ingress: "'bridge' (ECS Fargate consumer of RabbitMQ) or 'callback' (HTTPS endpoint, OpenCTI >= 6.6)",
  callback: 'a section with reservedConcurrency (ingress: callback)',
  vpcId: 'the id of an existing VPC, e.g. vpc-0123456789abcdef0',
  availabilityZones: 'the availability zones of subnetIds, in the same order, e.g. [eu-west-1a, eu-west-1b]',
  subnetIds: 'ids of existing subnets for the bridge task, e.g. [subnet-0123456789abcdef0]',
  platformCidr: 'the IPv4 CIDR where the OpenCTI platform listens, e.g. 10.0.0.0/16',
  rabbitmqCidr: "the IPv4 CIDR where OpenCTI's RabbitMQ listens, e.g. 10.0.0.0/16",
  platformPort: TCP_PORT,
  rabbitmqPort: TCP_PORT,
  healthPort: TCP_PORT,
  port: TCP_PORT,
  assignPublicIp: BOOLEAN,
  cpu: 'Fargate CPU units: 256, 512, 1024, 2048 or 4096',
  memoryMiB: 'Fargate memory in MiB (512-30720) valid for the chosen cpu',
  cpuArchitecture: 'X86_64 or ARM64',
  host: 'a host name',
  vhost: 'a RabbitMQ vhost',
  useSsl: BOOLEAN,
  user: 'a RabbitMQ user name',
  passwordSecret: 'the name or complete ARN of the Secrets Manager secret holding the RabbitMQ password',
  reservedConcurrency:
    'a number of concurrent executions (1-1000) reserved for the callback function, and its cap; the account keeps at least 100 unreserved',
  enabled: BOOLEAN,
  expirationDays: 'a number of days (1-365)',
  dlqMessages: 'a number of messages (at least 1)',
  oldestMessageAgeSeconds: 'a number of seconds (60-1209600)',
  snsTopicArn: 'the ARN of an SNS topic, e.g. arn:aws:sns:eu-west-1:123456789012:alerts',
  logRetentionDays:
    'a CloudWatch Logs retention in days: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653',
  connectors: 'a list of at least one connector, each with service, id and tokenSecret',
  service: 'the folder of the service under functions/, e.g. abuseipdb (lower case, digits, hyphens)',
  id: 'a UUID (generate one with `uuidgen`), kept stable across deploys',
  name: 'a connector name of at least 2 characters',
  scope: "a list of OpenCTI entity types, e.g. [IPv4-Addr, Domain-Name] (leave it out for the service's own scope)",
  auto: BOOLEAN,
  autoUpdate: BOOLEAN,
  onlyContextual: BOOLEAN,
  maxTlp: 'one of TLP:CLEAR, TLP:WHITE, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED',
  tokenSecret: "the name or complete ARN of the Secrets Manager secret holding the connector's OpenCTI token",
  apiKeySecret: 'the name or complete ARN of the Secrets Manager secret holding the vendor API key',
  baseUrl: 'an http(s) URL',
  logLevel: 'one of debug, info, warn, error',
  queueProtocol: 'api or amqp',
  memorySize: 'Lambda memory in MB (128-10240)',
  timeoutSeconds: 'Lambda timeout in seconds (1-900)',
  batchSize: 'SQS messages per invocation (1-10)',
  maxConcurrency: 'the most concurrent invocations (2-1000)',
  maxReceives: 'receives before a message moves to the DLQ (1-1000)',
  quota: 'a section with any of rateLimit, manualReserve, cacheTtl, manualBypassCache, skipPrivateAddresses, onQuotaExhausted',
};

/** `['connectors', 0, 'id']` → `connectors[0].id`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** The settings key an issue is about: the last non-index path segment. */
const settingKey = (path: readonly PropertyKey[]): string | undefined =>
  [...path].reverse().find((key): key is string => typeof key === 'string');

/** One line per problem: where, and what is expected there. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path) || '(top level)';
  if (issue.code === 'custom') return `${where}: ${issue.message}`;
  if (issue.code === 'unrecognized_keys') {
    return `${where}: unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling against infra/deploy-connectors.sample.yml)`;
  }
  const key = settingKey(issue.path);
  const expected = (key && EXPECTED[key]) || issue.message;
  if (issue.input === undefined && issue.code === 'invalid_type') return `${where}: is required: ${expected}`;
  const got = issue.input === undefined ? '' : `, got ${JSON.stringify(issue.input)}`;
  return `${where}: expected ${expected}${got}`;
}

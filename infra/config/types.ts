/**
 * The deployment configuration after defaults are applied. Users write it in YAML (context
 * `configFile`) or in `cdk.json`'s context (`connectors` and its sibling keys); the sample is
 * `infra/deploy-connectors.sample.yml`.
 */

import type { TlpLevel } from '../../shared/stix/markings';

export type { TlpLevel };
export type ConnectorLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One OpenCTI INTERNAL_ENRICHMENT connector, served by the Lambda in `functions/<service>/`. */
export interface ConnectorSpec {
  /** Folder under `functions/` holding `handler.ts`, e.g. `abuseipdb`. Unique in the list. */
  readonly service: string;
  /** The connector's id in OpenCTI (a UUID). Keep it stable: a new id is a new connector. */
  readonly id: string;
  /** Name shown under Data > Connectors. @default the service name */
  readonly name: string;
  /** Entity types the connector enriches, e.g. `[IPv4-Addr, Domain-Name]`. @default the service's own scope (functions/services.ts) */
  readonly scope: readonly string[];
  /** Enrich matching entities automatically when they are created. @default defaults.auto (false) */
  readonly auto: boolean;
  /** Also enrich automatically on update (`auto_update`). @default defaults.autoUpdate (false) */
  readonly autoUpdate: boolean;
  /** Only enrich entities given as context (`only_contextual`). @default defaults.onlyContextual (false) */
  readonly onlyContextual: boolean;
  /** Highest TLP the service may see; entities above it are never sent out. @default defaults.maxTlp (TLP:AMBER) */
  readonly maxTlp: TlpLevel;
  /** Name or complete ARN of the Secrets Manager secret with this connector's OpenCTI token. Required. */
  readonly tokenSecret: string;
  /** Name or complete ARN of the Secrets Manager secret with the vendor API key; required for services that take a key. @default none */
  readonly apiKeySecret?: string;
  /** Vendor API base URL override (`<SERVICE>_BASE_URL`). @default the service's own default */
  readonly baseUrl?: string;
  /** Connector log level. @default defaults.logLevel (info) */
  readonly logLevel: ConnectorLogLevel;
  /** How results reach OpenCTI: `api` (stixBundlePush over HTTPS) or `amqp`. @default defaults.queueProtocol (api) */
  readonly queueProtocol: 'api' | 'amqp';
  /** Lambda memory in MB. @default defaults.memorySize (256) */
  readonly memorySize: number;
  /** Lambda timeout in seconds; the queue's visibility timeout is six times this. @default defaults.timeoutSeconds (60) */
  readonly timeoutSeconds: number;
  /** SQS messages per invocation (1-10). @default defaults.batchSize (5) */
  readonly batchSize: number;
  /**
   * Most concurrent invocations the event source starts (2-1000).
   * @default defaults.maxConcurrency, else derived from the rate limit (infra/config/max-concurrency.ts)
   */
  readonly maxConcurrency: number;
  /** Receives before a message moves to the DLQ; also `PIPELINE_MAX_RECEIVES`. @default defaults.maxReceives (5) */
  readonly maxReceives: number;
  /** Quota governance settings the connector sets, passed as `<SERVICE>_RATE_LIMIT`, ... @default none: the service's defaults */
  readonly quota: QuotaSpec;
  /**
   * The service's own settings by option key, e.g. `{ ipAddRelationships: 'true' }` for
   * `VIRUSTOTAL_IP_ADD_RELATIONSHIPS` (docs/services.md lists each service's). @default none: the service's defaults
   */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * A connector's quota governance as its function reads it (shared/config/quota-settings.ts), each
 * value as written: `rateLimit` is `<SERVICE>_RATE_LIMIT`, `cacheTtl` is `<SERVICE>_CACHE_TTL`, ...
 */
export interface QuotaSpec {
  readonly rateLimit?: string;
  readonly manualReserve?: string;
  readonly cacheTtl?: string;
  readonly manualBypassCache?: string;
  readonly skipPrivateAddresses?: string;
  readonly onQuotaExhausted?: string;
}

/** The existing VPC and network the bridge container runs in. */
export interface BridgeNetworkSpec {
  /** Id of an existing VPC, e.g. `vpc-0abc...`. Required. */
  readonly vpcId: string;
  /** Availability zones of `subnetIds`, in the same order. Required. */
  readonly availabilityZones: readonly string[];
  /** Subnets for the task (private subnets with a NAT gateway or VPC endpoints). Required. */
  readonly subnetIds: readonly string[];
  /** CIDR where the OpenCTI platform listens. Required. */
  readonly platformCidr: string;
  /** Port of the OpenCTI platform (GraphQL over HTTP(S)). @default 443 */
  readonly platformPort: number;
  /** CIDR where RabbitMQ listens. @default platformCidr */
  readonly rabbitmqCidr: string;
  /** RabbitMQ port (5671 with TLS). @default 5672 */
  readonly rabbitmqPort: number;
  /** Give the task a public IP (only for public subnets without NAT). @default false */
  readonly assignPublicIp: boolean;
}

/** Overrides of what `registerConnector` returns for RabbitMQ (the bridge's `MQ_*` variables). */
export interface RabbitMqOverrides {
  /** `MQ_HOST`. @default the host the platform returns */
  readonly host?: string;
  /** `MQ_PORT`. @default the port the platform returns */
  readonly port?: number;
  /** `MQ_VHOST`. @default the vhost the platform returns */
  readonly vhost?: string;
  /** `MQ_USE_SSL`. @default what the platform returns */
  readonly useSsl?: boolean;
  /** `MQ_USER`. @default the user the platform returns */
  readonly user?: string;
  /** Name or complete ARN of a secret holding the RabbitMQ password (`MQ_PASS_SECRET`). @default the password the platform returns */
  readonly passwordSecret?: string;
}

/** The always-on bridge (ECS Fargate): consumes each connector's RabbitMQ queue into SQS. */
export interface BridgeSpec extends BridgeNetworkSpec {
  /** Fargate CPU units. @default 256 */
  readonly cpu: number;
  /** Fargate memory in MiB. @default 512 */
  readonly memoryMiB: number;
  /** CPU architecture of the task and of the image build. @default X86_64 */
  readonly cpuArchitecture: 'X86_64' | 'ARM64';
  /** Port of the container's HTTP health endpoint (`GET /health`). @default 8080 */
  readonly healthPort: number;
  /** RabbitMQ overrides. @default none */
  readonly rabbitmq: RabbitMqOverrides;
}

/** Alarms on every connector queue. */
export interface AlarmSpec {
  /** Alarm when the DLQ holds at least this many messages. @default 1 */
  readonly dlqMessages: number;
  /** Alarm when the oldest message in a queue is older than this many seconds. @default 3600 */
  readonly oldestMessageAgeSeconds: number;
  /** SNS topic the alarms notify. @default no notification (alarms only show in CloudWatch) */
  readonly snsTopicArn?: string;
}

/** Everything `cdk deploy` needs. */
export interface DeploymentConfig {
  /** CloudFormation stack name. @default OpenCtiEnrichment */
  readonly stackName: string;
  /** Target account and region. @default the CLI's current credentials and region */
  readonly env: { readonly account?: string; readonly region?: string };
  /** Marks the shipped sample: synth warns that it must not be deployed. @default false */
  readonly sample: boolean;
  /** The OpenCTI platform as the functions and the bridge reach it. */
  readonly opencti: { readonly url: string; readonly sslVerify: boolean };
  /** `bridge`: ECS Fargate consumer of RabbitMQ; `callback`: HTTPS endpoint the platform POSTs to (OpenCTI >= 6.6). @default bridge */
  readonly ingress: 'bridge' | 'callback';
  /** Required when `ingress` is `bridge`. */
  readonly bridge?: BridgeSpec;
  /** `ingress: callback` only. */
  readonly callback: {
    /** Concurrent executions reserved for the public callback function, and its cap. @default 10 */
    readonly reservedConcurrency: number;
  };
  /** S3 bucket for message bodies too large for SQS (claim check). @default disabled */
  readonly claimCheck: { readonly enabled: boolean; readonly expirationDays: number };
  /** CloudWatch alarms on every connector queue. */
  readonly alarms: AlarmSpec;
  /** Retention of every log group, in days (a CloudWatch Logs retention value). @default 30 */
  readonly logRetentionDays: number;
  /** The connectors, at least one. */
  readonly connectors: readonly ConnectorSpec[];
}

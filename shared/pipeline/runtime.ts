import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ConnectorConfig } from '../config/connector-config';
import { readClaimCheckBucket } from '../config/claim-check-settings';
import { ConfigError, type ConfigProblem } from '../config/errors';
import { loadFunctionSettings } from '../config/function-settings';
import { resolveMqOverrides, type MqOverrides } from '../config/mq-settings';
import type { PipelineSettings } from '../config/pipeline-settings';
import { SecretResolver } from '../config/secrets';
import { createLogger, type Logger } from '../logging/logger';
import { emfMetricsSink } from '../metrics/emf-sink';
import type { MetricsSink } from '../metrics/sink';
import { OpenCtiClient } from '../opencti/client';
import { authorIdentity } from '../stix/domain-objects';
import { amqpSettings, type ResolvedMqOverrides } from '../rabbitmq/connection';
import { lazyConfirmChannel } from './amqp-channel';
import { sqsRetryBackoff } from './backoff';
import { ClaimChecks } from './claim-check';
import type { PipelineDeps } from './deps';
import { instrumentVendorHttp, timedPublisher } from './instrument';
import { amqpPublisher, apiPublisher, type BundlePublisher } from './publish';
import { buildPipelineQuota } from './quota-runtime';
import type { QuotaStore } from '../quota/quota-store';
import type { ServiceDefinition } from './service';
import { createVendorHttp } from './vendor-http';

/** `arn:aws:sqs:<region>:<account>:<name>` → the queue URL. */
export function queueUrlFromArn(arn: string): string {
  const [, , , region, account, name] = arn.split(':');
  return `https://sqs.${region}.amazonaws.com/${account}/${name}`;
}

export interface RuntimeOverrides {
  env?: Record<string, string | undefined>;
  config?: ConnectorConfig;
  /** `PIPELINE_*`, already read (the local runner reads them once for every connector). */
  pipeline?: PipelineSettings;
  /** `MQ_*`, already read. */
  mq?: MqOverrides;
  secrets?: SecretResolver;
  sqs?: SQSClient;
  logger?: Logger;
  /** Maps an event source ARN to its queue URL. @default {@link queueUrlFromArn} */
  queueUrlOf?: (arn: string) => string;
  /** Hook for every record outcome (the local runner's statistics). */
  onOutcome?: PipelineDeps['onOutcome'];
  /** The bridge's claim-check folder (one machine). @default none: claim checks from PIPELINE_CLAIM_CHECK_BUCKET only */
  claimCheckDir?: string;
  /** Where this connector's metrics go. @default EMF on stdout (Powertools), dimension `connector` = `CONNECTOR_NAME` */
  metrics?: MetricsSink;
  /** Where every worker counts calls and caches answers. @default the DynamoDB table named by PIPELINE_QUOTA_TABLE */
  quotaStore?: QuotaStore;
}

/**
 * Production dependencies from the environment: configuration checked once, secrets fetched once,
 * clients with timeouts. Throws one ConfigError naming every bad variable.
 */
export async function buildRuntimeDeps(service: ServiceDefinition, overrides: RuntimeOverrides = {}): Promise<PipelineDeps> {
  const env = overrides.env ?? process.env;
  const { config, pipeline, mq } = loadFunctionSettings(env, service, overrides);
  const secrets = overrides.secrets ?? new SecretResolver();
  const token = await secrets.resolve(config.opencti.token);
  const apiKey = config.service.apiKey ? await secrets.resolve(config.service.apiKey) : undefined;
  const logger =
    overrides.logger ??
    createLogger({
      serviceName: service.name,
      level: config.connector.logLevel,
      secrets: () => secrets.knownValues(),
      persistentKeys: { connector_id: config.connector.id },
    });
  for (const warning of config.warnings) logger.warn(warning);
  const metrics = overrides.metrics ?? emfMetricsSink({ service: service.name, connector: config.connector.name });

  // Well inside the function's timeout, so a hung platform fails the record, not the whole batch.
  const opencti = new OpenCtiClient({
    url: config.opencti.url,
    token,
    sslVerify: config.opencti.sslVerify,
    timeoutMs: pipeline.openctiTimeoutMs,
  });
  const sqs = lazySqs(env, overrides.sqs);
  return {
    service,
    connectorId: config.connector.id,
    maxTlp: config.service.maxTlp,
    variables: {
      apiKey: `${config.service.envPrefix}_API_KEY`,
      maxTlp: `${config.service.envPrefix}_MAX_TLP`,
      replaceWithLowerScore: `${config.service.envPrefix}_REPLACE_WITH_LOWER_SCORE`,
    },
    replaceWithLowerScore: config.service.replaceWithLowerScore,
    options: config.service.options,
    update: config.connector.updateExistingData,
    maxReceives: pipeline.maxReceives,
    backoff: sqsRetryBackoff(pipeline.retryBaseSeconds, pipeline.retryMaxSeconds),
    opencti,
    publisher: timedPublisher(await publisherFor(config, opencti, () => resolveMqOverrides(mq, secrets)), metrics),
    vendorHttp: instrumentVendorHttp(createVendorHttp({ baseUrl: config.service.baseUrl, timeoutMs: pipeline.vendorTimeoutMs }), metrics),
    apiKey,
    author: authorIdentity(service.author),
    logger,
    clock: () => new Date(),
    random: Math.random,
    changeVisibility: async (receiptHandle, queueArn, seconds) => {
      const { client, sdk } = await sqs();
      await client.send(
        new sdk.ChangeMessageVisibilityCommand({
          QueueUrl: (overrides.queueUrlOf ?? queueUrlFromArn)(queueArn),
          ReceiptHandle: receiptHandle,
          VisibilityTimeout: seconds,
        }),
      );
    },
    sendAgain: async ({ body, queueArn, attributes }, delaySeconds) => {
      const { client, sdk } = await sqs();
      await client.send(
        new sdk.SendMessageCommand({
          QueueUrl: (overrides.queueUrlOf ?? queueUrlFromArn)(queueArn),
          MessageBody: body,
          DelaySeconds: delaySeconds,
          MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
        }),
      );
    },
    quota: await buildPipelineQuota(config, env, logger, overrides.quotaStore),
    claimChecks: claimChecksOf(env, config.connector.id, overrides.claimCheckDir),
    onOutcome: overrides.onOutcome,
    metrics,
  };
}

/**
 * The SQS module and client, loaded and made on the first retry or come-back and kept for the
 * container's life: most invocations need neither, so a cold start does not pay for them (in
 * Lambda the module is the runtime's copy, infra/bundling.ts). `client` replaces the one made
 * from the environment (tests); the commands still come from the module.
 */
function lazySqs(env: Record<string, string | undefined>, client: SQSClient | undefined) {
  const load = async () => {
    const sdk = await import('@aws-sdk/client-sqs');
    const endpoint = env.AWS_ENDPOINT_URL_SQS;
    return { sdk, client: client ?? new sdk.SQSClient(endpoint ? { endpoint, useQueueUrlAsEndpoint: false } : {}) };
  };
  let loading: ReturnType<typeof load> | undefined;
  // A failed load is not kept: the next retry tries again.
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/** api: stixBundlePush; amqp: registers to learn the platform's RabbitMQ, then publishes to the worker exchange. */
async function publisherFor(
  config: ConnectorConfig,
  opencti: OpenCtiClient,
  mq: () => Promise<ResolvedMqOverrides>,
): Promise<BundlePublisher> {
  if (config.connector.queueProtocol === 'api') return apiPublisher(opencti);
  const version = await opencti.health();
  const registration = await opencti.registerConnector(
    {
      id: config.connector.id,
      name: config.connector.name,
      type: 'INTERNAL_ENRICHMENT',
      scope: config.connector.scope,
      auto: config.connector.auto,
      auto_update: config.connector.autoUpdate,
      only_contextual: config.connector.onlyContextual,
      playbook_compatible: true,
    },
    version,
  );
  const amqp = lazyConfirmChannel(amqpSettings(registration.config.connection, await mq()));
  const publisher = amqpPublisher(opencti, {
    channel: amqp.channel,
    exchange: registration.config.push_exchange,
    routingKey: registration.config.push_routing,
    connectorUserId: registration.connector_user_id,
  });
  return { ...publisher, close: amqp.close };
}

/**
 * Reads the bodies the bridge stored aside for this connector: from its S3 bucket and prefix
 * (`PIPELINE_CLAIM_CHECK_BUCKET`, `PIPELINE_CLAIM_CHECK_PREFIX`; the client is made on first need)
 * or the one-machine claim-check folder. Undefined when neither is set.
 */
function claimChecksOf(env: Record<string, string | undefined>, connectorId: string, dir: string | undefined): ClaimChecks | undefined {
  const problems: ConfigProblem[] = [];
  const s3Location = readClaimCheckBucket(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  if (!s3Location && !dir) return undefined;
  let s3: Promise<S3Client> | undefined;
  const s3Client = async () =>
    new (await import('@aws-sdk/client-s3')).S3Client(
      env.AWS_ENDPOINT_URL_S3 ? { endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true } : {},
    );
  return new ClaimChecks({ connectorId, storage: { dir, s3: s3Location }, s3: () => (s3 ??= s3Client()) });
}

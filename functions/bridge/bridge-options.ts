import type { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SecretResolver } from '../../shared/config';
import type { Logger } from '../../shared/logging';
import type { BridgeMetricsSinks } from './health/bridge-metrics';
import type { AmqpConnect } from '../../shared/rabbitmq/connection';
import type { BackoffOptions } from '../../shared/retry/backoff';
import type { Clock } from './time/clock';
import { BRIDGE_BACKOFF } from './time/retry';
import type { BridgeConfig } from './config/bridge-config';
import type { CreateOpenCtiApi } from './registration/opencti-api';
import type { DeliveryHandOff } from './consume/hand-off';

/** Every interval the bridge waits on, so tests can run fault scenarios in seconds. */
export interface BridgeTimings {
  /** Between pings of each connector. @default 40000 */
  pingIntervalMs: number;
  /** How long a partial SQS batch waits for more messages. @default 5 */
  lingerMs: number;
  /** Between two `bridge stats` log lines. @default 60000 */
  statsIntervalMs: number;
  /** On stop, how long in-flight messages may take to reach SQS before they are left to RabbitMQ. @default 20000 */
  shutdownTimeoutMs: number;
  /** Retries of registration, RabbitMQ connections and SQS sends. @default {@link BRIDGE_BACKOFF}: 1 s doubling up to 30 s, ±20 % */
  backoff: BackoffOptions;
}

export const DEFAULT_TIMINGS: BridgeTimings = {
  pingIntervalMs: 40_000,
  lingerMs: 5,
  statsIntervalMs: 60_000,
  shutdownTimeoutMs: 20_000,
  backoff: BRIDGE_BACKOFF,
};

/** Everything the bridge uses from outside, with production defaults. */
export interface BridgeOptions {
  config: BridgeConfig;
  /** @default an SQSClient from the environment (region, credentials, AWS_ENDPOINT_URL_SQS) */
  sqs?: SQSClient;
  /** For the S3 claim check. @default an S3Client from the environment */
  s3?: S3Client;
  /** Builds a connector's OpenCTI client from its token. @default `new OpenCtiClient(options)` */
  createOpenCtiClient?: CreateOpenCtiApi;
  /** Resolves tokens and MQ_PASS. @default a resolver backed by Secrets Manager */
  secrets?: SecretResolver;
  /** @default a `bridge` logger at `config.logLevel` that redacts resolved secrets */
  logger?: Logger;
  clock?: Clock;
  /** @default amqplib's connect */
  connect?: AmqpConnect;
  timings?: Partial<BridgeTimings>;
  /**
   * Holds each RabbitMQ ack until the host says the record is safe: a host whose SQS is not
   * durable (the one-machine run) passes one. @default none: ack once SQS accepted the message
   */
  handOff?: DeliveryHandOff;
  /** Interface of the HTTP server (health, callback). @default '0.0.0.0' */
  httpHost?: string;
  /**
   * Where each connector's bridge metrics go, reported every `statsIntervalMs` and on stop
   * (the container's entry point passes EMF on stdout). @default none
   */
  metrics?: BridgeMetricsSinks;
  /** `GET /metrics` on the HTTP server: the body and its content type (the one-machine run's Prometheus text). @default no route */
  metricsText?: () => Promise<{ contentType: string; body: string }>;
  /**
   * A connector's quota use for `GET /health`, from a host that runs the functions too (`npm start`).
   * @default none: the health report has no `quota` (in AWS the functions count in DynamoDB)
   */
  connectorQuota?: (connectorId: string) => unknown;
}

type Env = Record<string, string | undefined>;

/**
 * An SQS client that fails fast enough for the bridge's own retry loop to take over. With
 * `AWS_ENDPOINT_URL_SQS` (an SQS-compatible server) requests go there even when queue URLs name
 * another host, which the SDK would otherwise call instead.
 */
export function defaultSqsClient(env: Env = process.env): SQSClient {
  const endpoint = env.AWS_ENDPOINT_URL_SQS || undefined;
  return new SQSClient({
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
    ...(endpoint ? { endpoint, useQueueUrlAsEndpoint: false } : {}),
  });
}

/**
 * An S3 client; with `AWS_ENDPOINT_URL_S3` (an S3-compatible server) it uses path-style URLs. The
 * module is imported here, on the first claim check, not with the bridge: most bodies need no S3.
 */
export async function defaultS3Client(env: Env = process.env): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  const endpoint = env.AWS_ENDPOINT_URL_S3 || undefined;
  return new S3Client({
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
  });
}

import { DEFAULT_CLAIM_CHECK_PREFIX, type MqOverrides, type SecretRef } from '../../../shared/config';

/** One enrichment connector the bridge serves: its OpenCTI identity and its SQS queue. */
export interface BridgeConnectorConfig {
  /** `CONNECTOR_ID` of the service: a UUID; the listen queue is `listen_<id>`. */
  id: string;
  name: string;
  /** Entity types registered for auto-enrichment, e.g. `['IPv4-Addr', 'Domain-Name']`. */
  scope: string[];
  auto: boolean;
  autoUpdate: boolean;
  onlyContextual: boolean;
  /** Token of the connector's own OpenCTI user; also the bearer the callback ingress expects. */
  token: SecretRef;
  /** The service's SQS queue. */
  queueUrl: string;
  /** API listen mode only: where the platform's worker POSTs this connector's messages. */
  listenCallbackUri?: string;
}

/** Where bodies too large for SQS are kept (claim check). */
export type ClaimCheckConfig = { kind: 's3'; bucket: string; prefix: string } | { kind: 'file'; dir: string };

/** The bridge's whole configuration, parsed once at start. */
export interface BridgeConfig {
  opencti: { url: string; sslVerify: boolean };
  /** `AMQP`: consume `listen_<id>` here; `API`: the platform POSTs to the callback ingress. */
  listenProtocol: 'AMQP' | 'API';
  connectors: BridgeConnectorConfig[];
  mq: MqOverrides;
  /** Port of the health (and, in API mode, callback) HTTP server; undefined for none, 0 for any free port. */
  healthPort?: number;
  claimCheck?: ClaimCheckConfig;
  /** Unacked RabbitMQ messages per connector. @default 200 */
  prefetch: number;
  /** Bodies above this many bytes (body plus attributes) go through the claim check. @default 262144 (256 KiB, the SQS default) */
  maxMessageBytes: number;
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** Tunable intervals read from the environment; the bridge's own defaults fill the rest. */
  timings?: { lingerMs?: number; statsIntervalMs?: number; shutdownTimeoutMs?: number };
}

/** The defaults of the tunables that are not per connector. */
export const BRIDGE_DEFAULTS = {
  healthPort: 8080,
  prefetch: 200,
  maxMessageBytes: 256 * 1024,
  claimCheckPrefix: DEFAULT_CLAIM_CHECK_PREFIX,
} as const;

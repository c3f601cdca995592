import type { SecretResolver } from '../../shared/config';
import type { Logger } from '../../shared/logging';
import { amqpSettings, type AmqpConnect, type ResolvedMqOverrides } from '../../shared/rabbitmq/connection';
import type { BridgeTimings } from './bridge-options';
import type { Clock } from './time/clock';
import type { BridgeConfig, BridgeConnectorConfig } from './config/bridge-config';
import { ConnectorSession } from './registration/connector-session';
import type { CreateOpenCtiApi, OpenCtiApi } from './registration/opencti-api';
import { ListenConsumer } from './consume/listen-consumer';
import type { DeliveryHandOff } from './consume/hand-off';
import type { SqsForwarder } from './forward/sqs-forwarder';
import type { ConnectorCounters } from './health/bridge-stats';

/** One connector's share of the bridge: its session with OpenCTI and, in AMQP mode, its consumer. */
export interface Lane {
  id: string;
  name: string;
  session: ConnectorSession;
  consumer?: ListenConsumer;
}

/** What every lane shares. */
export interface LaneContext {
  config: BridgeConfig;
  timings: BridgeTimings;
  secrets: SecretResolver;
  createClient: CreateOpenCtiApi;
  connect: AmqpConnect;
  mq: () => Promise<ResolvedMqOverrides>;
  forwarder: SqsForwarder;
  handOff?: DeliveryHandOff;
  clock: Clock;
  logger: Logger;
}

/** Wires a connector's session (registration, pings) to its consumer (listen queue to SQS). */
export function createLane(connector: BridgeConnectorConfig, counters: ConnectorCounters, ctx: LaneContext): Lane {
  const { config, timings, clock, logger } = ctx;
  let lastSettings: string | undefined;
  let client: { token: string; api: OpenCtiApi } | undefined;
  const session = new ConnectorSession({
    connector,
    listenProtocol: config.listenProtocol,
    // One client (and so one connection pool) per token value, not one per registration attempt.
    client: async () => {
      const token = await ctx.secrets.resolve(connector.token);
      if (client?.token !== token)
        client = { token, api: ctx.createClient({ url: config.opencti.url, token, sslVerify: config.opencti.sslVerify }) };
      return client.api;
    },
    pingIntervalMs: timings.pingIntervalMs,
    backoff: timings.backoff,
    clock,
    logger,
    onRegistered: (registration) => {
      // New RabbitMQ settings (say, a rotated password) take effect now, not at the next failure.
      const key = JSON.stringify([registration.config.connection, registration.config.listen]);
      if (lastSettings !== undefined && key !== lastSettings) lane.consumer?.restart('registration returned new RabbitMQ settings');
      lastSettings = key;
    },
  });
  const lane: Lane = { id: connector.id, name: connector.name, session };
  if (config.listenProtocol !== 'AMQP') return lane;
  lane.consumer = new ListenConsumer({
    connectorId: connector.id,
    target: async (signal) => {
      const registration = await session.registration(signal);
      return { settings: amqpSettings(registration.config.connection, await ctx.mq()), queue: registration.config.listen };
    },
    connect: ctx.connect,
    prefetch: config.prefetch,
    forward: (body, attributes) => ctx.forwarder.forward(connector.queueUrl, connector.id, body, attributes),
    handOff: ctx.handOff,
    backoff: timings.backoff,
    clock,
    logger,
    onForwarded: (outcome) => {
      counters.forwarded += 1;
      if (outcome === 'claim-checked') counters.claimChecked += 1;
    },
    onFailed: () => void (counters.failed += 1),
    onAcked: () => void (counters.acked = (counters.acked ?? 0) + 1),
  });
  return lane;
}

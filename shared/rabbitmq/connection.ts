import type { ChannelModel, Options } from 'amqplib';
import type { ConnectorRegistration } from '../opencti/types';

/** RabbitMQ connection settings: what `registerConnector` returned, with the `MQ_*` overrides applied and secrets resolved. */
export interface AmqpSettings {
  host: string;
  port: number;
  vhost: string;
  useSsl: boolean;
  user: string;
  pass: string;
}

/** Opens an AMQP connection; amqplib's `connect` in production, anything with its shape in tests. */
export type AmqpConnect = (options: Options.Connect, socketOptions?: Record<string, unknown>) => Promise<ChannelModel>;

/**
 * amqplib's own connect, loaded on first use: a function that publishes over the API
 * (`CONNECTOR_QUEUE_PROTOCOL=api`, the default) never evaluates amqplib.
 */
export const defaultAmqpConnect: AmqpConnect = async (options, socketOptions) => (await import('amqplib')).connect(options, socketOptions);

/** The overrides, as resolved values. */
export interface ResolvedMqOverrides {
  host?: string;
  port?: number;
  vhost?: string;
  useSsl?: boolean;
  user?: string;
  pass?: string;
}

/** The platform's RabbitMQ settings (docs/protocol.md#rabbitmq-connection), each replaced by its `MQ_*` override when set. */
export function amqpSettings(connection: ConnectorRegistration['config']['connection'], overrides: ResolvedMqOverrides): AmqpSettings {
  return {
    host: overrides.host ?? connection.host,
    port: overrides.port ?? connection.port,
    vhost: overrides.vhost ?? connection.vhost ?? '/',
    useSsl: overrides.useSsl ?? connection.use_ssl,
    user: overrides.user ?? connection.user,
    pass: overrides.pass ?? connection.pass,
  };
}

/**
 * amqplib options for the listen connection: `amqps` when `use_ssl`, PLAIN
 * credentials, the vhost verbatim, and a 10 s heartbeat as pycti uses, so a dead peer is noticed.
 */
export function amqpConnectOptions(
  settings: AmqpSettings,
  connectionName: string,
): { options: Options.Connect; socketOptions: Record<string, unknown> } {
  return {
    options: {
      protocol: settings.useSsl ? 'amqps' : 'amqp',
      hostname: settings.host,
      port: settings.port,
      username: settings.user,
      password: settings.pass,
      vhost: settings.vhost,
      heartbeat: 10,
    },
    // amqplib sets the TLS server name (SNI) to the host itself when it is not an IP address.
    socketOptions: { clientProperties: { connection_name: connectionName }, timeout: 10_000 },
  };
}

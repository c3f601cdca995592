import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { ConnectorRegistration } from '../opencti/types';

/** RabbitMQ endpoint: the registration's connection, with optional `MQ_*` overrides for networks where the platform's host is not reachable. */
export function rabbitUrl(connection: ConnectorRegistration['config']['connection'], env: Record<string, string | undefined> = {}): string {
  const ssl = env.MQ_USE_SSL ? /^(true|yes|1)$/i.test(env.MQ_USE_SSL) : connection.use_ssl;
  const host = env.MQ_HOST || connection.host;
  const port = env.MQ_PORT || String(connection.port);
  const user = encodeURIComponent(env.MQ_USER || connection.user);
  const pass = encodeURIComponent(env.MQ_PASS || connection.pass);
  const vhost = encodeURIComponent(env.MQ_VHOST || connection.vhost || '/');
  return `${ssl ? 'amqps' : 'amqp'}://${user}:${pass}@${host}:${port}/${vhost}?heartbeat=10`;
}

/** A lazily opened confirm channel that reopens after the connection or channel is lost. */
export function lazyConfirmChannel(url: string): { channel: () => Promise<ConfirmChannel>; close: () => Promise<void> } {
  let model: Promise<ChannelModel> | undefined;
  let channel: Promise<ConfirmChannel> | undefined;
  const reset = () => {
    model = undefined;
    channel = undefined;
  };
  return {
    channel: () => {
      channel ??= (async () => {
        model ??= connect(url).then((m) => {
          m.on('close', reset);
          m.on('error', reset);
          return m;
        });
        const ch = await (await model).createConfirmChannel();
        ch.on('close', () => (channel = undefined));
        ch.on('error', () => (channel = undefined));
        return ch;
      })().catch((error: unknown) => {
        reset();
        throw error;
      });
      return channel;
    },
    close: async () => {
      const m = await model?.catch(() => undefined);
      reset();
      await m?.close().catch(() => undefined);
    },
  };
}

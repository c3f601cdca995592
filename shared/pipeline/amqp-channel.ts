import type { ChannelModel, ConfirmChannel } from 'amqplib';
import { amqpConnectOptions, defaultAmqpConnect, type AmqpConnect, type AmqpSettings } from '../rabbitmq/connection';

/** A lazily opened confirm channel that reopens after the connection or channel is lost. */
export function lazyConfirmChannel(
  settings: AmqpSettings,
  connect: AmqpConnect = defaultAmqpConnect,
): { channel: () => Promise<ConfirmChannel>; close: () => Promise<void> } {
  let model: Promise<ChannelModel> | undefined;
  let channel: Promise<ConfirmChannel> | undefined;
  const reset = () => {
    model = undefined;
    channel = undefined;
  };
  return {
    channel: () => {
      channel ??= (async () => {
        const { options, socketOptions } = amqpConnectOptions(settings, 'opencti-enrichment-publisher');
        model ??= connect(options, socketOptions).then((m) => {
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

import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { amqpConnectOptions } from '../../../shared/rabbitmq/connection';
import { systemClock, type Clock } from '../time/clock';
import { waitBeforeRetry } from '../time/retry';
import { AbortedError, BridgeError, ConsumerLostError } from '../errors';
import type { ConsumerState, ListenConsumerOptions } from './listen-consumer-options';

/**
 * Consumes one connector's `listen_<id>` queue with manual acks and a bounded prefetch. A message
 * is acked only after `forward` resolved (and, with a hand-off, once the host settled it); a lost connection, channel or consumer is reopened with
 * backoff, and RabbitMQ redelivers whatever was not acked (at-least-once).
 */
export class ListenConsumer {
  #state: ConsumerState = 'waiting-for-registration';
  #lastError?: string;
  #reconnects = 0;
  /** Messages deliberately left unacked (not forwardable) on the current channel. */
  #held = 0;
  #model?: ChannelModel;
  /** The channel of the last session, kept open on stop until in-flight messages are acked. */
  #channel?: Channel;
  #current?: { channel: Channel; consumerTag: string; lost: (reason: string) => void };
  #loop?: Promise<void>;
  readonly #tasks = new Set<Promise<void>>();
  readonly #stop = new AbortController();
  readonly #clock: Clock;

  constructor(private readonly options: ListenConsumerOptions) {
    this.#clock = options.clock ?? systemClock;
  }

  get state(): ConsumerState {
    return this.#state;
  }

  status(): { state: ConsumerState; inFlight: number; held: number; reconnects: number; lastError?: string } {
    return {
      state: this.#state,
      inFlight: this.#tasks.size,
      held: this.#held,
      reconnects: this.#reconnects,
      ...(this.#lastError ? { lastError: this.#lastError } : {}),
    };
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Drops the current connection and connects again, e.g. after a registration returned new settings. */
  restart(reason: string): void {
    this.#current?.lost(reason);
  }

  /** Stops receiving: cancels the consumer so RabbitMQ sends nothing more; in-flight messages carry on. */
  async cancel(): Promise<void> {
    this.#state = 'stopping';
    this.#stop.abort();
    await this.#loop;
    this.#state = 'stopping';
  }

  /** Resolves when every received message was acked or given up. */
  async drain(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }

  /** Closes the connection; RabbitMQ requeues whatever is still unacked. */
  async close(): Promise<void> {
    // amqplib may write connection.close ahead of the channel's queued acks; closing the channel
    // first (an RPC behind those acks on the same channel) makes RabbitMQ see every ack.
    await this.#channel?.close().catch(() => undefined);
    this.#channel = undefined;
    await this.#model?.close().catch(() => undefined);
    this.#model = undefined;
    this.#state = 'stopped';
  }

  async #run(): Promise<void> {
    let attempt = 0;
    while (!this.#stop.signal.aborted) {
      try {
        await this.#session(() => (attempt = 0));
      } catch (error) {
        if (this.#stop.signal.aborted) break;
        this.#lastError = (error as Error).message;
        this.options.logger.warn('RabbitMQ consumer lost, reconnecting', {
          connectorId: this.options.connectorId,
          reason: this.#lastError,
          attempt,
        });
      }
      if (this.#stop.signal.aborted) break;
      this.#state = 'reconnecting';
      this.#reconnects += 1;
      try {
        await waitBeforeRetry(this.#clock, attempt++, this.options.backoff, this.#stop.signal);
      } catch {
        break;
      }
    }
  }

  async #session(onConsuming: () => void): Promise<void> {
    if (!this.#model) this.#state = 'waiting-for-registration';
    const target = await this.options.target(this.#stop.signal);
    this.#state = 'connecting';
    const { options, socketOptions } = amqpConnectOptions(target.settings, `opencti-serverless-bridge ${this.options.connectorId}`);
    const model = await this.options.connect(options, socketOptions);
    this.#model = model;
    let lost!: (reason: string) => void;
    const closed = new Promise<string>((resolve) => (lost = resolve));
    const onStop = () => lost('stopping');
    this.#stop.signal.addEventListener('abort', onStop, { once: true });
    try {
      model.on('error', (error: Error) => (this.#lastError = error.message));
      model.once('close', (error?: Error) => lost(`connection closed${error ? `: ${error.message}` : ''}`));
      const channel = await model.createChannel();
      this.#channel = channel;
      channel.on('error', (error: Error) => (this.#lastError = error.message));
      channel.once('close', () => lost('channel closed'));
      await channel.prefetch(this.options.prefetch);
      const { consumerTag } = await channel.consume(
        target.queue,
        (message) => (message ? this.#receive(channel, message) : lost('consumer cancelled by RabbitMQ')),
        { noAck: false },
      );
      this.#current = { channel, consumerTag, lost };
      this.#held = 0;
      this.#state = 'consuming';
      onConsuming();
      this.options.logger.info('consuming listen queue', {
        connectorId: this.options.connectorId,
        queue: target.queue,
        host: target.settings.host,
        port: target.settings.port,
      });
      const reason = await closed;
      if (!this.#stop.signal.aborted) throw new ConsumerLostError(reason);
      await channel.cancel(consumerTag).catch(() => undefined);
    } finally {
      this.#stop.signal.removeEventListener('abort', onStop);
      this.#current = undefined;
      // On stop the connection stays open until in-flight messages are acked (see close()).
      if (!this.#stop.signal.aborted) {
        await model.close().catch(() => undefined);
        if (this.#model === model) this.#model = undefined;
      }
    }
  }

  #receive(channel: Channel, message: ConsumeMessage): void {
    const ticket = this.options.handOff?.begin(this.options.connectorId);
    const task = this.options.forward(message.content.toString('utf8'), ticket?.attributes).then(
      async (outcome) => {
        this.options.onForwarded?.(outcome);
        if (ticket) {
          try {
            await ticket.settled;
          } catch {
            return; // Stopping: the message stays unacked and RabbitMQ requeues it.
          }
        }
        try {
          channel.ack(message);
          this.options.onAcked?.();
        } catch {
          // The channel is gone: RabbitMQ redelivers the message, and a duplicate is harmless.
        }
      },
      (error: Error) => {
        ticket?.cancel();
        if (error instanceof AbortedError) return;
        this.#held += 1;
        this.options.onFailed?.(error);
        // A message that cannot pass without an operator (a claim-check store to configure) is an error.
        const level = error instanceof BridgeError && !error.retryable ? 'error' : 'warn';
        // Not acked, not rejected: the message stays in RabbitMQ and comes back on the next connection.
        this.options.logger[level]('message not forwarded, left unacked', { connectorId: this.options.connectorId, error: error.message });
      },
    );
    const tracked = task.finally(() => this.#tasks.delete(tracked));
    this.#tasks.add(tracked);
  }
}

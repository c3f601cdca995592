import { connect, type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';

/** Where the platform publishes listen messages (docs/protocol.md#queues-and-exchanges, no queue prefix). */
export const LISTEN_EXCHANGE = 'amqp.connector.exchange';
const WORKER_EXCHANGE = 'amqp.worker.exchange';

/** What the platform knows of a connector when it declares its queues. */
export interface PlatformConnector {
  id: string;
  name: string;
  scope: string[];
}

/** The arguments the platform declares a connector's queues with: a re-declaration must repeat them exactly. */
const queueArguments = (connector: PlatformConnector) => ({
  name: connector.name,
  config: { id: connector.id, type: 'INTERNAL_ENRICHMENT', scope: connector.scope },
  'x-queue-type': 'classic',
});

/**
 * Declares a connector's listen queue as the platform does at registration (docs/protocol.md#queues-and-exchanges):
 * `listen_<id>`, durable, bound to the listen exchange with `listen_routing_<id>`.
 */
export async function declareListenQueue(channel: Channel, connector: PlatformConnector): Promise<void> {
  await channel.assertExchange(LISTEN_EXCHANGE, 'direct', { durable: true });
  await channel.assertQueue(`listen_${connector.id}`, {
    durable: true,
    exclusive: false,
    autoDelete: false,
    arguments: queueArguments(connector),
  });
  await channel.bindQueue(`listen_${connector.id}`, LISTEN_EXCHANGE, `listen_routing_${connector.id}`);
}

/**
 * The RabbitMQ side of the stand-in platform: declares a connector's queues exactly as OpenCTI
 * does at registration (docs/protocol.md#queues-and-exchanges) and publishes listen messages as the platform does
 * (persistent, confirmed, on `amqp.connector.exchange`).
 */
export class PlatformRabbit {
  #model?: ChannelModel;
  #channel?: ConfirmChannel;

  constructor(private readonly url = 'amqp://guest:guest@127.0.0.1:5672') {}

  async #ch(): Promise<ConfirmChannel> {
    if (!this.#channel) {
      this.#model = await connect(this.url);
      this.#channel = await this.#model.createConfirmChannel();
    }
    return this.#channel;
  }

  /** Declares the exchanges, the listen and push queues and their bindings of a connector. */
  async declareConnector(connector: PlatformConnector): Promise<void> {
    const ch = await this.#ch();
    await declareListenQueue(ch, connector);
    await ch.assertExchange(WORKER_EXCHANGE, 'direct', { durable: true });
    await ch.assertQueue(`push_${connector.id}`, {
      durable: true,
      exclusive: false,
      autoDelete: false,
      arguments: queueArguments(connector),
    });
    await ch.bindQueue(`push_${connector.id}`, WORKER_EXCHANGE, `push_routing_${connector.id}`);
  }

  /** Publishes one enrichment message to a connector's listen queue and waits for the broker's confirm. */
  async publishListen(connectorId: string, body: string): Promise<void> {
    const ch = await this.#ch();
    ch.publish(LISTEN_EXCHANGE, `listen_routing_${connectorId}`, Buffer.from(body, 'utf8'), { persistent: true });
    await ch.waitForConfirms();
  }

  /** Publishes many listen messages, then waits for the broker's confirms once (a backlog, quickly). */
  async publishListenMany(connectorId: string, bodies: string[]): Promise<void> {
    const ch = await this.#ch();
    for (const body of bodies)
      ch.publish(LISTEN_EXCHANGE, `listen_routing_${connectorId}`, Buffer.from(body, 'utf8'), { persistent: true });
    await ch.waitForConfirms();
  }

  /** Messages ready in a connector's listen queue (not counting those delivered and not yet acked). */
  async listenDepth(connectorId: string): Promise<number> {
    return (await (await this.#ch()).checkQueue(`listen_${connectorId}`)).messageCount;
  }

  /** Removes a connector's queues, as `deleteConnector` does. */
  async deleteConnector(connectorId: string): Promise<void> {
    const ch = await this.#ch();
    await ch.deleteQueue(`listen_${connectorId}`);
    await ch.deleteQueue(`push_${connectorId}`);
  }

  async close(): Promise<void> {
    await this.#model?.close().catch(() => undefined);
    this.#model = undefined;
    this.#channel = undefined;
  }
}

/** True when a RabbitMQ answers at `url` within a second or two. */
export async function rabbitAnswers(url = 'amqp://guest:guest@127.0.0.1:5672'): Promise<boolean> {
  try {
    const model = await connect(url, { timeout: 2000 });
    await model.close();
    return true;
  } catch {
    return false;
  }
}

import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';

/**
 * The RabbitMQ side of the stand-in platform: declares a connector's queues exactly as OpenCTI
 * does at registration (protocol doc §4.2) and publishes listen messages as the platform does
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
  async declareConnector(connector: { id: string; name: string; scope: string[] }): Promise<void> {
    const ch = await this.#ch();
    const args = {
      name: connector.name,
      config: { id: connector.id, type: 'INTERNAL_ENRICHMENT', scope: connector.scope },
      'x-queue-type': 'classic',
    };
    await ch.assertExchange('amqp.connector.exchange', 'direct', { durable: true });
    await ch.assertExchange('amqp.worker.exchange', 'direct', { durable: true });
    await ch.assertQueue(`listen_${connector.id}`, { durable: true, exclusive: false, autoDelete: false, arguments: args });
    await ch.bindQueue(`listen_${connector.id}`, 'amqp.connector.exchange', `listen_routing_${connector.id}`);
    await ch.assertQueue(`push_${connector.id}`, { durable: true, exclusive: false, autoDelete: false, arguments: args });
    await ch.bindQueue(`push_${connector.id}`, 'amqp.worker.exchange', `push_routing_${connector.id}`);
  }

  /** Publishes one enrichment message to a connector's listen queue and waits for the broker's confirm. */
  async publishListen(connectorId: string, body: string): Promise<void> {
    const ch = await this.#ch();
    ch.publish('amqp.connector.exchange', `listen_routing_${connectorId}`, Buffer.from(body, 'utf8'), { persistent: true });
    await ch.waitForConfirms();
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

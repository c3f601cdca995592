import { randomBytes, randomUUID } from 'node:crypto';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { BridgeConfig, BridgeConnectorConfig, BridgeTimings } from '../../functions/bridge';
import { createLogger, type Logger } from '../../shared/logging';
import { OpenCtiStandIn, type StandInOptions } from '../../local/stand-in/opencti-stand-in';
import { declareListenQueue, LISTEN_EXCHANGE } from '../../local/stand-in/platform-rabbit';
import { startFauxqsProcess, loopbackSqsClient, type FauxqsProcess } from '../helpers/fauxqs-process';
import { validateDocument } from '../helpers/graphql-schema';
import { hasSharedReference } from '../helpers/shared-reference';

export const RABBIT = { host: '127.0.0.1', port: 5672, user: 'guest', pass: 'guest' };

/** Intervals short enough for fault scenarios to take well under a second each. */
export const FAST_TIMINGS: BridgeTimings = {
  pingIntervalMs: 200,
  lingerMs: 5,
  statsIntervalMs: 60_000,
  shutdownTimeoutMs: 5_000,
  backoff: { initialMs: 50, maxMs: 250, spread: [1, 1] },
};

/** Silent unless BRIDGE_TEST_LOG names a level (to debug a failing test). */
export const silentLogger = (): Logger =>
  createLogger({ serviceName: 'bridge-test', level: (process.env.BRIDGE_TEST_LOG as 'INFO' | undefined) ?? 'SILENT' });

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await delay(20);
  }
}

/**
 * The world around the bridge: real RabbitMQ, fauxqs (SQS, S3) in a child process, and the
 * OpenCTI stand-in, which declares each connector's queue on registration as the platform does.
 */
export class BridgeHarness {
  readonly #listenQueues: string[] = [];
  private constructor(
    /** Tokens the stand-in accepts; `connector()` adds one per connector. */
    readonly tokens: string[],
    readonly fauxqs: FauxqsProcess,
    readonly sqs: SQSClient,
    readonly standIn: OpenCtiStandIn,
    readonly rabbit: ChannelModel,
    readonly channel: ConfirmChannel,
  ) {}

  static async start(standIn: Partial<StandInOptions> = {}): Promise<BridgeHarness> {
    const fauxqs = await startFauxqsProcess();
    const rabbit = await connect({ hostname: RABBIT.host, port: RABBIT.port, username: RABBIT.user, password: RABBIT.pass });
    const channel = await rabbit.createConfirmChannel();
    const tokens: string[] = [];
    const platform = new OpenCtiStandIn({
      tokens,
      rabbit: RABBIT,
      ...(hasSharedReference() ? { validate: validateDocument } : {}),
      onRegister: (connector) => declareListenQueue(channel, connector),
      ...standIn,
    });
    await platform.start();
    return new BridgeHarness(tokens, fauxqs, loopbackSqsClient(fauxqs.endpoint), platform, rabbit, channel);
  }

  /** A new connector with its own token, SQS queue and (already declared) listen queue. */
  async connector(overrides: Partial<BridgeConnectorConfig> = {}): Promise<BridgeConnectorConfig & { tokenValue: string }> {
    const id = randomUUID();
    const tokenValue = randomBytes(16).toString('hex');
    this.tokens.push(tokenValue);
    const { QueueUrl } = await this.sqs.send(new CreateQueueCommand({ QueueName: `bridge-test-${id}` }));
    const name = `Test connector ${id.slice(0, 8)}`;
    await declareListenQueue(this.channel, { id, name, scope: ['IPv4-Addr'] });
    this.#listenQueues.push(`listen_${id}`);
    return {
      id,
      name,
      scope: ['IPv4-Addr'],
      auto: true,
      autoUpdate: false,
      onlyContextual: false,
      token: { kind: 'value', setting: 'test', value: tokenValue },
      queueUrl: QueueUrl!,
      tokenValue,
      ...overrides,
    };
  }

  config(connectors: BridgeConnectorConfig[], overrides: Partial<BridgeConfig> = {}): BridgeConfig {
    return {
      opencti: { url: this.standIn.url, sslVerify: true },
      listenProtocol: 'AMQP',
      connectors,
      mq: {},
      prefetch: 50,
      maxMessageBytes: 256 * 1024,
      logLevel: 'ERROR',
      ...overrides,
    };
  }

  /** Publishes bodies as the platform does: persistent, on the connector exchange, confirmed. */
  async publish(connectorId: string, bodies: readonly string[]): Promise<void> {
    for (const body of bodies)
      this.channel.publish(LISTEN_EXCHANGE, `listen_routing_${connectorId}`, Buffer.from(body, 'utf8'), { deliveryMode: 2 });
    await this.channel.waitForConfirms();
  }

  /** Messages ready (not delivered, not unacked) in a connector's listen queue. */
  async ready(connectorId: string): Promise<number> {
    return (await this.channel.checkQueue(`listen_${connectorId}`)).messageCount;
  }

  /** Receives and deletes messages until `count` arrived, then checks for stragglers (duplicates) a moment longer. */
  async receive(queueUrl: string, count: number, timeoutMs = 15_000): Promise<Message[]> {
    const received: Message[] = [];
    const until = Date.now() + timeoutMs;
    let quietUntil = Number.POSITIVE_INFINITY;
    while (Date.now() < Math.min(until, quietUntil)) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], VisibilityTimeout: 60 }),
      );
      if (Messages.length > 0) {
        received.push(...Messages);
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      } else await delay(20);
      if (received.length >= count && quietUntil === Number.POSITIVE_INFINITY) quietUntil = Date.now() + 300;
    }
    return received;
  }

  /** Receives (and deletes) until `count` distinct bodies arrived; redeliveries after a fault may repeat some. */
  async receiveDistinct(queueUrl: string, count: number, timeoutMs = 15_000): Promise<Set<string>> {
    const bodies = new Set<string>();
    const until = Date.now() + timeoutMs;
    while (bodies.size < count && Date.now() < until) {
      const { Messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
      );
      if (Messages.length === 0) await delay(20);
      else {
        for (const m of Messages) bodies.add(m.Body!);
        await this.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
    }
    return bodies;
  }

  async stop(): Promise<void> {
    for (const queue of this.#listenQueues) await this.channel.deleteQueue(queue).catch(() => undefined);
    await this.rabbit.close().catch(() => undefined);
    await this.standIn.stop();
    this.sqs.destroy();
    await this.fauxqs.stop();
  }
}

/** `count` listen messages shaped like the platform's (≥ 6.8.9 auto trigger), each with a unique work id. */
export function listenMessages(connectorId: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      internal: { work_id: `work_${connectorId}_${i}`, applicant_id: null, draft_id: null, trigger: 'create', mode: 'auto' },
      event: {
        event_type: 'INTERNAL_ENRICHMENT',
        entity_id: `ipv4-addr--${randomUUID()}`,
        entity_type: 'IPv4-Addr',
        stix_entity: JSON.stringify({ type: 'ipv4-addr', value: `10.0.${i >> 8}.${i & 255}`, note: 'é ✓ ü' }),
        stix_objects: null,
      },
    }),
  );
}

import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { connect } from 'amqplib';
import { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import { declareListenQueue, LISTEN_EXCHANGE } from '../../local/stand-in/platform-rabbit';
import { createLogger } from '../../shared/logging';
import { startBridge } from '../../functions/bridge/bridge';

export interface BenchBridgeOptions {
  /** Messages to publish. */
  messages: number;
  /** RabbitMQ the platform would use. @default amqp://guest:guest@127.0.0.1:5672 */
  rabbit?: { host: string; port: number; user: string; pass: string };
  /** Unacked messages per connector. @default 200 */
  prefetch?: number;
}

export interface BenchBridgeResult {
  messages: number;
  seconds: number;
  ratePerSecond: number;
}

/**
 * fauxqs in a child process: SQS is another machine in production, so the emulator should not
 * share the bridge's event loop (fauxqs is also an ES module, and this file CommonJS).
 */
async function startSqsServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const script =
    "import { startFauxqs } from 'fauxqs'; const s = await startFauxqs({ port: 0, logger: false }); console.log(s.port); process.on('SIGTERM', () => s.stop().then(() => process.exit(0)));";
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: resolve(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { port: Number(line), stop: async () => void (child.kill('SIGTERM'), await exited) };
}

/** A listen message of typical size (about 1.3 KB): platform ≥ 6.8.9 auto enrichment of an IPv4 address. */
function sampleMessage(connectorId: string, i: number): Buffer {
  const entity = {
    id: `ipv4-addr--${randomUUID()}`,
    spec_version: '2.1',
    type: 'ipv4-addr',
    value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    extensions: {
      'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba': {
        extension_type: 'property-extension',
        id: randomUUID(),
        type: 'IPv4-Addr',
        created_at: new Date().toISOString(),
        is_inferred: false,
        pad: randomBytes(300).toString('base64'),
      },
    },
  };
  return Buffer.from(
    JSON.stringify({
      internal: { work_id: `work_${connectorId}_${i}`, applicant_id: null, draft_id: null, trigger: 'create', mode: 'auto' },
      event: {
        event_type: 'INTERNAL_ENRICHMENT',
        entity_id: entity.id,
        entity_type: 'IPv4-Addr',
        stix_entity: JSON.stringify(entity),
        stix_objects: null,
      },
    }),
  );
}

/**
 * Forwarding throughput on this machine: a bridge in this process, the real RabbitMQ, fauxqs (SQS)
 * in a child process and the OpenCTI stand-in. Publishes `messages` to a fresh `listen_<id>` queue,
 * then times the bridge from the moment it consumes until SQS accepted the last message.
 */
export async function benchBridge(options: BenchBridgeOptions): Promise<BenchBridgeResult> {
  const rabbit = options.rabbit ?? { host: '127.0.0.1', port: 5672, user: 'guest', pass: 'guest' };
  const fauxqs = await startSqsServer();
  const sqs = new SQSClient({
    endpoint: `http://127.0.0.1:${fauxqs.port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    useQueueUrlAsEndpoint: false,
  });
  const model = await connect({ hostname: rabbit.host, port: rabbit.port, username: rabbit.user, password: rabbit.pass });
  const channel = await model.createConfirmChannel();
  const id = randomUUID();
  const token = randomBytes(16).toString('hex');
  const standIn = new OpenCtiStandIn({ tokens: [token], rabbit, onRegister: (connector) => declareListenQueue(channel, connector) });
  let bridge: Awaited<ReturnType<typeof startBridge>> | undefined;
  try {
    await standIn.start();
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-${id}` }));
    // The platform publishes from another machine: fill the queue first, so only the bridge is timed.
    await declareListenQueue(channel, { id, name: 'Bridge bench', scope: ['IPv4-Addr'] });
    for (let i = 0; i < options.messages; i++)
      channel.publish(LISTEN_EXCHANGE, `listen_routing_${id}`, sampleMessage(id, i), { deliveryMode: 2 });
    await channel.waitForConfirms();

    bridge = await startBridge({
      config: {
        opencti: { url: standIn.url, sslVerify: true },
        listenProtocol: 'AMQP',
        connectors: [
          {
            id,
            name: 'Bridge bench',
            scope: ['IPv4-Addr'],
            auto: true,
            autoUpdate: false,
            onlyContextual: false,
            token: { kind: 'value', setting: 'bench', value: token },
            queueUrl: QueueUrl!,
          },
        ],
        mq: {},
        prefetch: options.prefetch ?? 200,
        maxMessageBytes: 256 * 1024,
        logLevel: 'ERROR',
      },
      sqs,
      logger: createLogger({ serviceName: 'bridge-bench', level: 'ERROR' }),
    });
    const current = bridge;
    // The clock starts when the consumer is up (registration is not forwarding) and stops when SQS accepted the last message.
    while (current.health().connectors[0]?.consumer.state !== 'consuming') await new Promise((r) => setTimeout(r, 1));
    const started = process.hrtime.bigint();
    while ((current.health().connectors[0]?.forwarded ?? 0) < options.messages) await new Promise((r) => setTimeout(r, 5));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    const arrived = Number(Attributes?.ApproximateNumberOfMessages);
    if (arrived !== options.messages) throw new Error(`bench: ${arrived} messages in SQS, expected ${options.messages}`);
    return {
      messages: options.messages,
      seconds: Math.round(seconds * 1000) / 1000,
      ratePerSecond: Math.round(options.messages / seconds),
    };
  } finally {
    await bridge?.stop();
    await channel.deleteQueue(`listen_${id}`).catch(() => undefined);
    await model.close().catch(() => undefined);
    await standIn.stop();
    sqs.destroy();
    await fauxqs.stop();
  }
}

if (require.main === module) {
  benchBridge({ messages: Number(process.argv[2] ?? 10_000) }).then(
    (result) => console.log(JSON.stringify({ bench: 'bridge forwarding', ...result })),
    (error: Error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}

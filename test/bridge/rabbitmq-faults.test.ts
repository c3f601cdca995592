import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startBridge, type Bridge } from '../../functions/bridge';
import { loopbackSqsClient } from '../helpers/fauxqs-process';
import { TcpProxy } from '../helpers/tcp-proxy';
import { declareListenQueue } from '../../local/stand-in/platform-rabbit';
import { BridgeHarness, delay, FAST_TIMINGS, listenMessages, RABBIT, silentLogger, waitFor } from './harness';

const run = promisify(execFile);

/** Closes, from the RabbitMQ server, every connection whose client named itself after `connectorId`. */
async function closeConnectionsOf(connectorId: string): Promise<number> {
  const { stdout } = await run('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties']);
  const pids = stdout
    .split('\n')
    .filter((line) => line.includes(connectorId))
    .map((line) => line.split('\t')[0]!);
  for (const pid of pids) await run('rabbitmqctl', ['-q', 'close_connection', pid, 'closed by the bridge test']);
  return pids.length;
}

describe('bridge when RabbitMQ drops the connection', () => {
  let harness: BridgeHarness;
  let proxy: TcpProxy;
  let bridge: Bridge | undefined;
  const clients: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    harness = await BridgeHarness.start();
  });
  beforeEach(async () => {
    proxy = new TcpProxy({ host: RABBIT.host, port: RABBIT.port });
    await proxy.start();
  });
  afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
    await proxy.stop();
    clients.splice(0).forEach((client) => client.destroy());
  });
  afterAll(async () => {
    await harness.stop();
  });

  /** A bridge reaching RabbitMQ through the proxy, by the MQ_PORT override. */
  const startThroughProxy = async (connector: Awaited<ReturnType<BridgeHarness['connector']>>) => {
    const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
    clients.push(sqs);
    bridge = await startBridge({
      config: harness.config([connector], { mq: { port: proxy.port }, prefetch: 20 }),
      sqs,
      logger: silentLogger(),
      timings: FAST_TIMINGS,
    });
    await waitFor(() => bridge!.health().status === 'ok', 5_000, 'bridge consuming');
  };

  it('reconnects after the socket is cut mid-stream and every message still arrives', async () => {
    const connector = await harness.connector();
    await startThroughProxy(connector);
    const bodies = listenMessages(connector.id, 400);

    await harness.publish(connector.id, bodies.slice(0, 200));
    await waitFor(() => bridge!.health().connectors[0]!.forwarded > 0, 5_000, 'first messages forwarded');
    proxy.drop();
    await harness.publish(connector.id, bodies.slice(200));
    const received = await harness.receiveDistinct(connector.queueUrl, bodies.length);

    expect([...received].sort()).toEqual([...bodies].sort());
    expect(bridge!.health().connectors[0]!.consumer.reconnects).toBeGreaterThanOrEqual(1);
    await waitFor(
      async () => (await harness.ready(connector.id)) === 0 && bridge!.health().status === 'ok',
      5_000,
      'all acked, consuming again',
    );
  });

  it('keeps retrying while RabbitMQ refuses connections, then resumes', async () => {
    const connector = await harness.connector();
    await startThroughProxy(connector);

    await proxy.pause();
    await harness.publish(connector.id, listenMessages(connector.id, 50));
    await delay(600);
    expect(bridge!.health().connectors[0]!.consumer.state).toMatch(/reconnecting|connecting/);
    expect(bridge!.health().status).toBe('degraded');
    await proxy.resume();

    const received = await harness.receiveDistinct(connector.queueUrl, 50);
    expect(received.size).toBe(50);
    await waitFor(() => bridge!.health().status === 'ok', 5_000, 'consuming again');
  });

  it('reconnects after the server closes the connection (rabbitmqctl close_connection)', async () => {
    const connector = await harness.connector();
    const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
    clients.push(sqs);
    bridge = await startBridge({
      config: harness.config([connector], { prefetch: 20 }),
      sqs,
      logger: silentLogger(),
      timings: FAST_TIMINGS,
    });
    await waitFor(() => bridge!.health().status === 'ok', 5_000, 'bridge consuming');
    const bodies = listenMessages(connector.id, 100);
    await harness.publish(connector.id, bodies.slice(0, 50));

    expect(await closeConnectionsOf(connector.id)).toBe(1);
    await harness.publish(connector.id, bodies.slice(50));

    const received = await harness.receiveDistinct(connector.queueUrl, bodies.length);
    expect([...received].sort()).toEqual([...bodies].sort());
    expect(bridge!.health().connectors[0]!.consumer.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('resumes when the server cancels the consumer because the queue was deleted and declared again', async () => {
    const connector = await harness.connector();
    await startThroughProxy(connector);

    await harness.channel.deleteQueue(`listen_${connector.id}`);
    await waitFor(() => bridge!.health().connectors[0]!.consumer.reconnects >= 1, 5_000, 'consumer cancelled');
    // The platform declares the queue again at its next registerConnector or ping.
    await declareListenQueue(harness.channel, { id: connector.id, name: connector.name, scope: connector.scope });
    await waitFor(() => bridge!.health().status === 'ok', 5_000, 'consuming again');
    await harness.publish(connector.id, listenMessages(connector.id, 10));

    expect((await harness.receiveDistinct(connector.queueUrl, 10)).size).toBe(10);
  });
});

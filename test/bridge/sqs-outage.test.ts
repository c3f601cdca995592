import { startBridge, type Bridge } from '../../functions/bridge';
import { loopbackSqsClient } from '../helpers/fauxqs-process';
import { TcpProxy } from '../helpers/tcp-proxy';
import { BridgeHarness, delay, FAST_TIMINGS, listenMessages, silentLogger, waitFor } from './harness';

describe('bridge when SQS is unreachable', () => {
  let harness: BridgeHarness;
  let proxy: TcpProxy;
  let bridge: Bridge | undefined;
  const clients: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    harness = await BridgeHarness.start();
  });
  beforeEach(async () => {
    proxy = new TcpProxy({ host: '127.0.0.1', port: harness.fauxqs.port });
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

  const startThroughProxy = async (
    connectors: Parameters<BridgeHarness['config']>[0],
    shutdownTimeoutMs = FAST_TIMINGS.shutdownTimeoutMs,
  ) => {
    const sqs = loopbackSqsClient(`http://127.0.0.1:${proxy.port}`, { maxAttempts: 1 });
    clients.push(sqs);
    bridge = await startBridge({
      config: harness.config(connectors, { prefetch: 40 }),
      sqs,
      logger: silentLogger(),
      timings: { ...FAST_TIMINGS, shutdownTimeoutMs },
    });
    await waitFor(() => bridge!.health().status === 'ok', 5_000, 'bridge consuming');
  };

  it('acks nothing while SQS is down and delivers every message once when it is back on the same port', async () => {
    const connector = await harness.connector();
    await startThroughProxy([connector]);
    const bodies = listenMessages(connector.id, 100);

    await proxy.pause();
    await harness.publish(connector.id, bodies);
    await waitFor(() => bridge!.health().connectors[0]!.consumer.inFlight === 40, 5_000, 'prefetch full');
    await delay(800); // several rounds of retries
    const during = bridge!.health().connectors[0]!;
    expect(during.forwarded).toBe(0);
    expect(during.failed).toBeGreaterThan(40);
    expect(await harness.ready(connector.id)).toBe(60);
    expect(await harness.receive(connector.queueUrl, 0, 300)).toHaveLength(0);

    await proxy.resume();
    const received = await harness.receive(connector.queueUrl, bodies.length);

    expect(received.map((m) => m.Body).sort()).toEqual([...bodies].sort());
    await waitFor(
      async () => (await harness.ready(connector.id)) === 0 && bridge!.health().connectors[0]!.consumer.inFlight === 0,
      5_000,
      'all acked',
    );
  });

  it('stops in bounded time during an outage, leaving every message in RabbitMQ for the next run', async () => {
    const connector = await harness.connector();
    await startThroughProxy([connector], 1_000);
    const bodies = listenMessages(connector.id, 60);
    await proxy.pause();
    await harness.publish(connector.id, bodies);
    await waitFor(() => bridge!.health().connectors[0]!.consumer.inFlight === 40, 5_000, 'prefetch full');

    const started = Date.now();
    await bridge!.stop();
    bridge = undefined;

    expect(Date.now() - started).toBeLessThan(1_000 + 1_500);
    await waitFor(async () => (await harness.ready(connector.id)) === 60, 5_000, 'messages requeued');
    await proxy.resume();
    await startThroughProxy([connector]);
    const received = await harness.receive(connector.queueUrl, bodies.length);
    expect(received.map((m) => m.Body).sort()).toEqual([...bodies].sort());
  });
});

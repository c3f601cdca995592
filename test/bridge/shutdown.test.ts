import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startBridge, type Bridge } from '../../functions/bridge';
import { loopbackSqsClient } from '../helpers/fauxqs-process';
import { BridgeHarness, FAST_TIMINGS, listenMessages, silentLogger, waitFor } from './harness';

const ROOT = resolve(__dirname, '../..');

describe('bridge shutdown', () => {
  let harness: BridgeHarness;
  let bridge: Bridge | undefined;
  const clients: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    harness = await BridgeHarness.start();
  });
  afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
    clients.splice(0).forEach((client) => client.destroy());
  });
  afterAll(async () => {
    await harness.stop();
  });

  const start = async (connector: Awaited<ReturnType<BridgeHarness['connector']>>) => {
    const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
    clients.push(sqs);
    bridge = await startBridge({
      config: harness.config([connector], { prefetch: 100 }),
      sqs,
      logger: silentLogger(),
      timings: FAST_TIMINGS,
    });
    return bridge;
  };

  it('stops mid-stream without losing or duplicating a message: what SQS accepted is acked, the rest stays in RabbitMQ', async () => {
    const connector = await harness.connector();
    const bodies = listenMessages(connector.id, 1_000);
    const first = await start(connector);
    await harness.publish(connector.id, bodies);
    await waitFor(() => first.health().connectors[0]!.forwarded >= 50, 10_000, 'forwarding under way');

    await first.stop();
    bridge = undefined;

    const forwarded = first.health().connectors[0]!.forwarded;
    const inSqs = await harness.receive(connector.queueUrl, forwarded);
    expect(inSqs).toHaveLength(forwarded);
    expect(await harness.ready(connector.id)).toBe(bodies.length - forwarded);

    await start(connector);
    const rest = await harness.receive(connector.queueUrl, bodies.length - forwarded);
    expect([...inSqs, ...rest].map((m) => m.Body).sort()).toEqual([...bodies].sort());
  });

  it('main.ts stops on SIGTERM, exits 0 and loses nothing', async () => {
    const connector = await harness.connector();
    const env = {
      PATH: process.env.PATH,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // fauxqs's queue URLs name a host that does not resolve here.
      AWS_ENDPOINT_URL_SQS: harness.fauxqs.endpoint,
      OPENCTI_URL: harness.standIn.url,
      BRIDGE_CONNECTORS: JSON.stringify([
        { id: connector.id, name: connector.name, scope: 'IPv4-Addr', token: connector.tokenValue, queue_url: connector.queueUrl },
      ]),
      BRIDGE_HEALTH_PORT: '0',
      BRIDGE_LOG_LEVEL: process.env.BRIDGE_TEST_LOG ?? 'ERROR',
      BRIDGE_SHUTDOWN_TIMEOUT_SECONDS: '10',
    };
    const bodies = listenMessages(connector.id, 500);
    const child = spawn(process.execPath, ['--import', 'tsx', 'functions/bridge/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', process.env.BRIDGE_TEST_LOG ? 'inherit' : 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    await waitFor(() => harness.standIn.calls('pingConnector').some((r) => r.variables.id === connector.id), 20_000, 'main.ts registered');
    await harness.publish(connector.id, bodies);
    await waitFor(async () => (await harness.ready(connector.id)) < bodies.length, 10_000, 'consuming');

    child.kill('SIGTERM');
    const started = Date.now();
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);

    const inSqs = await harness.receive(connector.queueUrl, bodies.length - (await harness.ready(connector.id)));
    const left = await harness.ready(connector.id);
    expect(inSqs.length + left).toBe(bodies.length);
    await start(connector);
    const rest = await harness.receive(connector.queueUrl, left);
    expect([...inSqs, ...rest].map((m) => m.Body).sort()).toEqual([...bodies].sort());
  }, 60_000);
});

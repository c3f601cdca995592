import { startBridge, type Bridge, MESSAGE_ATTRIBUTES } from '../../functions/bridge';
import { loopbackSqsClient } from '../helpers/fauxqs-process';
import { BridgeHarness, FAST_TIMINGS, listenMessages, silentLogger, waitFor } from './harness';

describe('bridge forwarding', () => {
  let harness: BridgeHarness;
  let bridge: Bridge | undefined;

  beforeAll(async () => {
    harness = await BridgeHarness.start();
  });
  afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('delivers every message published on listen_<id> to SQS once, body unchanged, with connector and work id attributes', async () => {
    const connector = await harness.connector();
    const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
    bridge = await startBridge({ config: harness.config([connector]), sqs, logger: silentLogger(), timings: FAST_TIMINGS });
    const bodies = listenMessages(connector.id, 300);

    await harness.publish(connector.id, bodies);
    const received = await harness.receive(connector.queueUrl, bodies.length);

    expect(received).toHaveLength(bodies.length);
    expect(received.map((m) => m.Body).sort()).toEqual([...bodies].sort());
    const first = received.find((m) => m.Body === bodies[0])!;
    expect(first.MessageAttributes?.[MESSAGE_ATTRIBUTES.connectorId]?.StringValue).toBe(connector.id);
    expect(first.MessageAttributes?.[MESSAGE_ATTRIBUTES.workId]?.StringValue).toBe(`work_${connector.id}_0`);
    await waitFor(
      async () => (await harness.ready(connector.id)) === 0 && bridge!.health().connectors[0]!.consumer.inFlight === 0,
      5_000,
      'all acked',
    );
    expect(bridge.health().connectors[0]).toMatchObject({ forwarded: bodies.length, consumer: { state: 'consuming' } });
    sqs.destroy();
  });

  it('keeps each connector on its own queue', async () => {
    const [a, b] = [await harness.connector(), await harness.connector()];
    const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
    bridge = await startBridge({ config: harness.config([a, b]), sqs, logger: silentLogger(), timings: FAST_TIMINGS });

    await harness.publish(a.id, listenMessages(a.id, 20));
    await harness.publish(b.id, listenMessages(b.id, 30));

    const [toA, toB] = [await harness.receive(a.queueUrl, 20), await harness.receive(b.queueUrl, 30)];
    expect(toA.map((m) => m.MessageAttributes?.connector_id?.StringValue)).toEqual(Array(20).fill(a.id));
    expect(toB.map((m) => m.MessageAttributes?.connector_id?.StringValue)).toEqual(Array(30).fill(b.id));
    sqs.destroy();
  });

  it('forwards a message without a work id (playbook) with the connector id only', async () => {
    const connector = await harness.connector();
    const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
    bridge = await startBridge({ config: harness.config([connector]), sqs, logger: silentLogger(), timings: FAST_TIMINGS });
    const playbook = JSON.stringify({
      internal: { work_id: null, playbook: { step_id: 's' }, applicant_id: 'c49fe040-2dad-412d-af07-ce639204ad55' },
      event: { entity_id: 'x', bundle: { type: 'bundle', objects: [] } },
    });

    await harness.publish(connector.id, [playbook]);
    const [message] = await harness.receive(connector.queueUrl, 1);

    expect(message?.Body).toBe(playbook);
    expect(Object.keys(message?.MessageAttributes ?? {})).toEqual([MESSAGE_ATTRIBUTES.connectorId]);
    sqs.destroy();
  });

  it('logs a periodic bridge stats line with forwarded, failed and in-flight counts and the rate', async () => {
    const connector = await harness.connector();
    const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
    const logger = silentLogger();
    const info = jest.spyOn(logger, 'info');
    bridge = await startBridge({ config: harness.config([connector]), sqs, logger, timings: { ...FAST_TIMINGS, statsIntervalMs: 100 } });

    await harness.publish(connector.id, listenMessages(connector.id, 40));
    await harness.receive(connector.queueUrl, 40);
    await waitFor(
      () => info.mock.calls.some(([message, extra]) => message === 'bridge stats' && (extra as { forwarded?: number }).forwarded === 40),
      3_000,
      'stats line',
    );

    const [, line] = info.mock.calls.filter(([message]) => message === 'bridge stats').pop()!;
    expect(line).toMatchObject({
      forwarded: 40,
      failed: 0,
      inFlight: 0,
      ratePerSecond: expect.any(Number),
      connectors: { [connector.id]: { forwarded: 40, failed: 0, inFlight: 0 } },
    });
    sqs.destroy();
  });
});

import { AbortedError, startBridge, type Bridge, type DeliveryHandOff } from '../../functions/bridge';
import { loopbackSqsClient } from '../helpers/fauxqs-process';
import { BridgeHarness, FAST_TIMINGS, listenMessages, silentLogger, waitFor } from './harness';

/** A host's hand-off driven by the test: each delivery's ack waits until the test settles it. */
function manualHandOff() {
  const pending = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  let n = 0;
  const handOff: DeliveryHandOff = {
    begin: () => {
      const token = `t${++n}`;
      const settled = new Promise<void>((resolve, reject) => pending.set(token, { resolve, reject }));
      settled.catch(() => undefined);
      return { attributes: { local_hold: token }, settled, cancel: () => pending.delete(token) };
    },
    abort: () => {
      for (const p of pending.values()) p.reject(new AbortedError('stopping'));
      pending.clear();
    },
  };
  const settle = (count: number) =>
    [...pending.keys()].slice(0, count).forEach((token) => {
      pending.get(token)!.resolve();
      pending.delete(token);
    });
  return { handOff, settle };
}

describe('bridge with a delivery hand-off (the one-machine run)', () => {
  let harness: BridgeHarness;
  let bridge: Bridge | undefined;

  beforeAll(async () => (harness = await BridgeHarness.start()));
  afterAll(async () => {
    await bridge?.stop();
    await harness.stop();
  });

  it('acks a delivery only once the host settles it, within the prefetch window; a stop leaves the rest in RabbitMQ', async () => {
    const connector = await harness.connector();
    const bodies = listenMessages(connector.id, 30);
    const { handOff, settle } = manualHandOff();
    const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
    bridge = await startBridge({
      config: harness.config([connector], { prefetch: 10 }),
      sqs,
      logger: silentLogger(),
      timings: FAST_TIMINGS,
      handOff,
    });
    await harness.publish(connector.id, bodies);
    const counts = () => bridge!.health().connectors[0]!;
    await waitFor(() => counts().forwarded === 10, 10_000, 'a window of forwarded messages');
    const first = await harness.receive(connector.queueUrl, 10);
    // The host's attribute rides with each message, so it can tell which delivery a record came from.
    expect(new Set(first.map((m) => m.MessageAttributes?.local_hold?.StringValue)).size).toBe(10);
    await new Promise((r) => setTimeout(r, 300));
    expect({ forwarded: counts().forwarded, acked: counts().acked ?? 0 }).toEqual({ forwarded: 10, acked: 0 });

    settle(4);
    await waitFor(() => counts().acked === 4 && counts().forwarded === 14, 10_000, 'four acks, four more forwarded');

    await bridge.stop();
    bridge = undefined;
    sqs.destroy();
    // Acked: 4. Everything else, forwarded or not, is back in RabbitMQ.
    await waitFor(async () => (await harness.ready(connector.id)) === bodies.length - 4, 10_000, 'unsettled deliveries requeued');
  });
});

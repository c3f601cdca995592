import { bridgeMetricsReporter } from '../../functions/bridge/health/bridge-metrics';
import type { BridgeHealth, ConnectorHealth } from '../../functions/bridge/health/bridge-health';
import type { MetricName, MetricsSink } from '../../shared/metrics';

const T0 = Date.parse('2026-03-04T05:00:00.000Z');

function connector(overrides: Partial<ConnectorHealth>): ConnectorHealth {
  return {
    id: 'c-1',
    name: 'Shodan',
    registered: true,
    pings: 1,
    forwarded: 0,
    claimChecked: 0,
    failed: 0,
    consumer: { state: 'consuming', inFlight: 0, held: 0, reconnects: 0 },
    ...overrides,
  };
}

describe('bridge metrics', () => {
  it('reports what was forwarded, acked and refused since the last report, the consumer state and the ping age', () => {
    const samples: Array<[string, MetricName, number]> = [];
    const flushes: string[] = [];
    const sinks = (name: string): MetricsSink => ({
      add: (metric, value) => samples.push([name, metric, value]),
      flush: () => flushes.push(name),
    });
    let now = T0;
    let health: BridgeHealth = {
      status: 'ok',
      listenProtocol: 'AMQP',
      connectors: [connector({ forwarded: 10, acked: 9, failed: 2, lastPingAt: new Date(T0 - 30_000).toISOString() })],
    };
    const report = bridgeMetricsReporter(
      () => health,
      sinks,
      () => now,
    );

    report();
    now += 60_000;
    health = {
      ...health,
      status: 'degraded',
      connectors: [
        connector({ forwarded: 25, acked: 25, failed: 2, consumer: { state: 'reconnecting', inFlight: 0, held: 0, reconnects: 1 } }),
      ],
    };
    report();

    expect(samples).toEqual([
      ['Shodan', 'Forwarded', 10],
      ['Shodan', 'Acked', 9],
      ['Shodan', 'SqsFailures', 2],
      ['Shodan', 'ConsumerUp', 1],
      ['Shodan', 'PingAge', 30],
      ['Shodan', 'Forwarded', 15],
      ['Shodan', 'Acked', 16],
      ['Shodan', 'SqsFailures', 0],
      ['Shodan', 'ConsumerUp', 0],
      // Never pinged in this report's health: counted from the bridge start.
      ['Shodan', 'PingAge', 60],
    ]);
    expect(flushes).toEqual(['Shodan', 'Shodan']);
  });
});

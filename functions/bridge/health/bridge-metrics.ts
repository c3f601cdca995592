import type { MetricsSink } from '../../../shared/metrics';
import type { BridgeHealth } from './bridge-health';

/** Where the bridge's metrics of one connector go, by connector name. */
export type BridgeMetricsSinks = (connectorName: string) => MetricsSink;

/**
 * Turns the bridge's running totals into metrics, per connector: each call adds what was
 * forwarded, acked and refused since the previous call, sets `ConsumerUp` and `PingAge` (seconds
 * since the last successful ping, or since the bridge started when there was none yet), and flushes.
 */
export function bridgeMetricsReporter(health: () => BridgeHealth, sinks: BridgeMetricsSinks, now: () => number): () => void {
  const startedAt = now();
  const previous = new Map<string, { forwarded: number; acked: number; failed: number }>();
  const sinkOf = new Map<string, MetricsSink>();
  return () => {
    for (const c of health().connectors) {
      let sink = sinkOf.get(c.name);
      if (!sink) sinkOf.set(c.name, (sink = sinks(c.name)));
      const totals = { forwarded: c.forwarded, acked: c.acked ?? c.forwarded, failed: c.failed };
      const last = previous.get(c.id) ?? { forwarded: 0, acked: 0, failed: 0 };
      previous.set(c.id, totals);
      sink.add('Forwarded', totals.forwarded - last.forwarded);
      // In API listen mode there is no RabbitMQ ack: a callback is answered once SQS accepted it.
      sink.add('Acked', totals.acked - last.acked);
      sink.add('SqsFailures', totals.failed - last.failed);
      sink.add('ConsumerUp', c.consumer.state === 'consuming' || c.consumer.state === 'callback' ? 1 : 0);
      const pingedAt = c.lastPingAt ? Date.parse(c.lastPingAt) : startedAt;
      sink.add('PingAge', Math.max(0, Math.round((now() - pingedAt) / 1000)));
      sink.flush();
    }
  };
}

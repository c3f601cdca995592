import type { MetricName } from './catalog';

/**
 * Where one connector's metrics go: EMF on stdout in AWS, a Prometheus registry under `npm start`,
 * an array in tests. The connector is bound when the sink is made.
 */
export interface MetricsSink {
  /** Adds a sample: counters sum it, distributions keep it, gauges take it as the current value. */
  add(name: MetricName, value: number): void;
  /** Writes what is buffered (EMF: one record per invocation); a no-op for sinks that are read. */
  flush(): void;
}

/** A sink that drops everything. */
export const noMetrics: MetricsSink = { add: () => undefined, flush: () => undefined };

import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ALL_METRICS, CONNECTOR_DIMENSION, prometheusName, type MetricName } from './catalog';
import type { MetricsSink } from './sink';

type Instrument = Counter<string> | Gauge<string> | Histogram<string>;

const BUCKETS: Record<string, number[]> = {
  Milliseconds: [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000],
  Count: [1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000],
};

/**
 * The metrics of every connector of one process (`npm start`) in a Prometheus registry, named as
 * in CloudWatch ({@link prometheusName}) with a `connector` label; served at `GET /metrics`.
 */
export class PrometheusMetrics {
  readonly registry = new Registry();
  readonly #instruments = new Map<MetricName, Instrument>();

  /** A sink whose samples carry this connector's label. */
  forConnector(connector: string): MetricsSink {
    return {
      add: (name, value) => this.#record(name, connector, value),
      flush: () => undefined,
    };
  }

  /** The exposition text and its content type. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  #record(name: MetricName, connector: string, value: number): void {
    const instrument = this.#instrument(name);
    const labels = { [CONNECTOR_DIMENSION]: connector };
    if (instrument instanceof Counter) instrument.inc(labels, value);
    else if (instrument instanceof Gauge) instrument.set(labels, value);
    else instrument.observe(labels, value);
  }

  #instrument(name: MetricName): Instrument {
    let instrument = this.#instruments.get(name);
    if (instrument) return instrument;
    const spec = ALL_METRICS[name];
    const base = { name: prometheusName(name), help: spec.help, labelNames: [CONNECTOR_DIMENSION], registers: [this.registry] };
    instrument =
      spec.kind === 'counter'
        ? new Counter(base)
        : spec.kind === 'gauge'
          ? new Gauge(base)
          : new Histogram({ ...base, buckets: BUCKETS[spec.unit] ?? BUCKETS.Count });
    this.#instruments.set(name, instrument);
    return instrument;
  }
}

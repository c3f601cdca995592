import { Metrics } from '@aws-lambda-powertools/metrics';
import { ALL_METRICS, CONNECTOR_DIMENSION, METRICS_NAMESPACE } from './catalog';
import type { MetricsSink } from './sink';

/**
 * Powertools Metrics in embedded metric format: samples are buffered and written as one JSON line
 * on stdout at {@link MetricsSink.flush}; CloudWatch Logs turns them into metrics, no API call.
 * Dimensions: `service` (Powertools adds it: the service folder or `bridge`) and `connector`.
 * Counts a `ColdStart` on creation, which happens once per container.
 */
export function emfMetricsSink(options: { service: string; connector: string; coldStart?: boolean }): MetricsSink {
  const metrics = new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: options.service,
    defaultDimensions: { [CONNECTOR_DIMENSION]: options.connector },
  });
  if (options.coldStart ?? true) metrics.addMetric('ColdStart', 'Count', 1);
  return {
    add: (name, value) => metrics.addMetric(name, ALL_METRICS[name].unit, value),
    flush: () => {
      // Powertools warns on an empty flush; an idle flush is normal here.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    },
  };
}

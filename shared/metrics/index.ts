export {
  ALL_METRICS,
  BRIDGE_METRICS,
  CONNECTOR_DIMENSION,
  FUNCTION_METRICS,
  METRICS_NAMESPACE,
  prometheusName,
  type BridgeMetricName,
  type FunctionMetricName,
  type MetricName,
  type MetricSpec,
} from './catalog';
export { emfMetricsSink } from './emf-sink';
export { noMetrics, type MetricsSink } from './sink';
// The Prometheus registry is imported from './prometheus-registry' by the one-machine run only,
// so function bundles do not carry prom-client.

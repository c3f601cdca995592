import { isAxiosError, type AxiosInstance } from 'axios';
import { performance } from 'node:perf_hooks';
import type { FunctionMetricName } from '../metrics/catalog';
import type { MetricsSink } from '../metrics/sink';
import type { RecordOutcome } from './deps';
import type { BundlePublisher } from './publish';

const OUTCOME_METRIC: Record<RecordOutcome['status'], FunctionMetricName> = {
  enriched: 'Enriched',
  'no-data': 'NoData',
  skipped: 'Skipped',
  retry: 'Retried',
  failed: 'Failed',
  malformed: 'Malformed',
  'come-back': 'ComeBack',
  waiting: 'QuotaWaits',
  'dead-letter': 'DeadLettered',
};

/** Counts a finished record by outcome; a failure that goes on to the DLQ counts as `DeadLettered`. */
export function recordOutcomeMetrics(metrics: MetricsSink, outcome: RecordOutcome): void {
  // A transient failure on its last attempt keeps a retry delay of 0: SQS moves it to the DLQ.
  const deadLettered = outcome.status === 'failed' && outcome.retryInSeconds !== undefined;
  metrics.add(deadLettered ? 'DeadLettered' : OUTCOME_METRIC[outcome.status], 1);
  if (outcome.status === 'enriched' && outcome.bundleObjectTypes) {
    metrics.add(
      'ObjectsPerBundle',
      Object.values(outcome.bundleObjectTypes).reduce((a, b) => a + b, 0),
    );
  }
}

/**
 * The class of a failed vendor call, as the pipeline classifies it (see `classifyLookupError`);
 * undefined for other 4xx answers, which services read themselves (404 = no data).
 */
export function vendorErrorMetric(error: unknown): FunctionMetricName | undefined {
  if (!isAxiosError(error)) return undefined;
  const status = error.response?.status;
  if (status === 429) return 'VendorRateLimited';
  if (status === 401 || status === 403) return 'VendorKeyRefused';
  if (status !== undefined) return status >= 500 ? 'VendorServerErrors' : undefined;
  return error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT' ? 'VendorTimeouts' : 'VendorNetworkErrors';
}

/** Counts and times every request of the vendor client, and counts failures by class. */
export function instrumentVendorHttp(
  http: AxiosInstance,
  metrics: MetricsSink,
  now: () => number = () => performance.now(),
): AxiosInstance {
  const started = new WeakMap<object, number>();
  const done = (config: object | undefined) => {
    const at = config && started.get(config);
    metrics.add('VendorCalls', 1);
    if (at !== undefined) metrics.add('VendorLatency', now() - at);
  };
  http.interceptors.request.use((config) => {
    started.set(config, now());
    return config;
  });
  http.interceptors.response.use(
    (response) => {
      done(response.config);
      return response;
    },
    (error: unknown) => {
      done(isAxiosError(error) ? error.config : undefined);
      const metric = vendorErrorMetric(error);
      if (metric) metrics.add(metric, 1);
      return Promise.reject(error);
    },
  );
  return http;
}

/** Times every publish (API push or AMQP publish with confirms). */
export function timedPublisher(
  publisher: BundlePublisher,
  metrics: MetricsSink,
  now: () => number = () => performance.now(),
): BundlePublisher {
  return {
    ...publisher,
    async publish(bundle, context) {
      const at = now();
      try {
        await publisher.publish(bundle, context);
      } finally {
        metrics.add('PublishLatency', now() - at);
      }
    },
  };
}

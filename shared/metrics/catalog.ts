/** The CloudWatch namespace of every metric the product emits (functions and bridge). */
export const METRICS_NAMESPACE = 'OpenCTIEnrichment';

/** The dimension (CloudWatch) and label (Prometheus) naming the connector: its `CONNECTOR_NAME`. */
export const CONNECTOR_DIMENSION = 'connector';

/** How a metric adds up: counters sum, distributions keep every sample (percentiles), gauges keep the last value. */
export type MetricKind = 'counter' | 'distribution' | 'gauge';

/** One metric: its CloudWatch unit, how it adds up, and what it tells an operator. */
export interface MetricSpec {
  unit: 'Count' | 'Milliseconds' | 'Seconds';
  kind: MetricKind;
  help: string;
}

/** Metrics of an enrichment function, per connector. */
export const FUNCTION_METRICS = {
  Enriched: { unit: 'Count', kind: 'counter', help: 'Records enriched: a bundle was published or answered to a playbook.' },
  NoData: { unit: 'Count', kind: 'counter', help: 'Records the vendor had nothing on; the work is closed without a bundle.' },
  Skipped: { unit: 'Count', kind: 'counter', help: 'Records skipped before any vendor call (out of scope, TLP above the maximum).' },
  Retried: { unit: 'Count', kind: 'counter', help: 'Attempts that failed and go back to the queue for another attempt.' },
  Failed: { unit: 'Count', kind: 'counter', help: 'Records ended in error that no retry can fix (key refused, unexpected answer).' },
  DeadLettered: { unit: 'Count', kind: 'counter', help: 'Records that failed on their last attempt and move on to the DLQ.' },
  Malformed: { unit: 'Count', kind: 'counter', help: 'Messages that could not be read as an enrichment request.' },
  ComeBack: { unit: 'Count', kind: 'counter', help: 'Lookups that asked to look again later (a vendor job still running).' },
  QuotaWaits: {
    unit: 'Count',
    kind: 'counter',
    help: 'Records sent again later because the quota window was full or the vendor asked to pause.',
  },
  VendorCalls: { unit: 'Count', kind: 'counter', help: 'HTTP requests to the vendor, answered or not.' },
  VendorLatency: { unit: 'Milliseconds', kind: 'distribution', help: 'Time from request to answer (or failure) of each vendor call.' },
  VendorRateLimited: { unit: 'Count', kind: 'counter', help: 'Vendor answers HTTP 429: the rate limit or quota is reached.' },
  VendorKeyRefused: { unit: 'Count', kind: 'counter', help: 'Vendor answers HTTP 401/403: the API key is wrong, expired or lacks rights.' },
  VendorServerErrors: { unit: 'Count', kind: 'counter', help: 'Vendor answers HTTP 5xx: the vendor is failing.' },
  VendorTimeouts: { unit: 'Count', kind: 'counter', help: 'Vendor calls without an answer within the vendor timeout.' },
  VendorNetworkErrors: { unit: 'Count', kind: 'counter', help: 'Vendor calls that failed below HTTP (DNS, refused or reset connection).' },
  ObjectsPerBundle: { unit: 'Count', kind: 'distribution', help: 'Objects in each published bundle, entity and author included.' },
  PublishLatency: {
    unit: 'Milliseconds',
    kind: 'distribution',
    help: 'Time to hand one bundle to the platform (API push or AMQP confirm).',
  },
  ColdStart: { unit: 'Count', kind: 'counter', help: 'New function containers (or local connectors) started.' },
} as const satisfies Record<string, MetricSpec>;

/** Metrics of the bridge, per connector. */
export const BRIDGE_METRICS = {
  Forwarded: { unit: 'Count', kind: 'counter', help: 'Messages SQS accepted from the bridge.' },
  Acked: { unit: 'Count', kind: 'counter', help: 'Messages acknowledged to RabbitMQ after SQS accepted them.' },
  SqsFailures: { unit: 'Count', kind: 'counter', help: 'Refused or failed SQS sends; each is retried, so these are attempts, not losses.' },
  ConsumerUp: { unit: 'Count', kind: 'gauge', help: '1 while the bridge consumes the connector queue (or takes callbacks), 0 otherwise.' },
  PingAge: { unit: 'Seconds', kind: 'gauge', help: 'Seconds since the last successful ping of the connector to OpenCTI.' },
} as const satisfies Record<string, MetricSpec>;

export type FunctionMetricName = keyof typeof FUNCTION_METRICS;
export type BridgeMetricName = keyof typeof BRIDGE_METRICS;
export type MetricName = FunctionMetricName | BridgeMetricName;

/** Every metric by name. */
export const ALL_METRICS: Record<MetricName, MetricSpec> = { ...FUNCTION_METRICS, ...BRIDGE_METRICS };

const UNIT_SUFFIX: Record<MetricSpec['unit'], string> = { Count: '', Milliseconds: '_milliseconds', Seconds: '_seconds' };

/**
 * The Prometheus name of a CloudWatch metric: `opencti_enrichment_` + snake case + unit, and
 * `_total` for counters (`VendorLatency` → `opencti_enrichment_vendor_latency_milliseconds`).
 */
export function prometheusName(name: MetricName): string {
  const spec = ALL_METRICS[name];
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return `opencti_enrichment_${snake}${UNIT_SUFFIX[spec.unit]}${spec.kind === 'counter' ? '_total' : ''}`;
}

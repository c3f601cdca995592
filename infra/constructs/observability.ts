import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  Unit,
  type IAlarm,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { serviceEnvPrefix } from '../../shared/config/connector-config';
import { WAIT_LOG_MESSAGE } from '../../shared/pipeline/quota-wait';
import { CONNECTOR_DIMENSION, METRICS_NAMESPACE, type MetricName } from '../../shared/metrics/catalog';
import type { EnrichmentConnector } from './enrichment-connector';

export interface ObservabilityProps {
  readonly connectors: readonly EnrichmentConnector[];
  /** The bridge forwards the queues (ingress `bridge`): its ping age is charted and alarmed. */
  readonly bridge: boolean;
  /** Topic notified on alarm and on recovery. @default no notification */
  readonly topic?: ITopic;
  /** Alarm when this share (percent) of a connector's finished records failed, over 15 minutes. @default 10 */
  readonly errorRatePercent?: number;
  /** Alarm when a connector's last successful ping is older (the platform drops it after 5 minutes). @default 240 */
  readonly maxPingAgeSeconds?: number;
  /** Alarm when a record of a connector has waited this long for the quota (or a vendor pause). @default 3600 */
  readonly maxQuotaWaitSeconds?: number;
}

/**
 * How long records have waited for the quota, in seconds: the `waitingForSeconds` of each
 * "Waiting for the quota" line (shared/pipeline/quota-wait.ts), by a metric filter on the function's
 * log group. Lines past 15 minutes are warnings, so the metric works at log level warn too.
 */
export const QUOTA_WAIT_METRIC = 'QuotaWaitSeconds';
/** A waiting record hops at least every 15 minutes (the SQS delay limit): a longer period always sees a line. */
const QUOTA_WAIT_PERIOD = Duration.minutes(20);

const OUTCOMES: MetricName[] = ['Enriched', 'NoData', 'Skipped', 'Retried', 'Failed', 'DeadLettered', 'Malformed', 'ComeBack'];
const FAILURES: MetricName[] = ['Failed', 'DeadLettered', 'Malformed'];
const PERIOD = Duration.minutes(5);

/**
 * One dashboard for the stack, a row per connector (outcomes, vendor latency p50/p99, queue age and
 * DLQ depth, and the bridge's ping age), and per connector alarms on the error rate, on a record
 * waiting an hour for the quota and, with the bridge, on the ping age. The queue alarms (oldest message, DLQ) come from each connector.
 */
export class Observability extends Construct {
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(6) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# OpenCTI enrichment\nNamespace \`${METRICS_NAMESPACE}\`, one row per connector. Metric meanings: docs/operations.md.`,
        width: 24,
        height: 2,
      }),
    );
    const action = props.topic ? new SnsAction(props.topic) : undefined;
    for (const connector of props.connectors) {
      const { spec, queues } = connector;
      const functionMetric = (name: MetricName, statistic: string) =>
        new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: name,
          dimensionsMap: { service: spec.service, [CONNECTOR_DIMENSION]: spec.name },
          statistic,
          period: PERIOD,
          label: name,
        });
      const usingMetrics = Object.fromEntries(OUTCOMES.map((name) => [name.toLowerCase(), functionMetric(name, 'Sum')]));
      const fill = (names: MetricName[]) => names.map((n) => `FILL(${n.toLowerCase()}, 0)`).join(' + ');
      const errorRate = new MathExpression({
        expression: `100 * (${fill(FAILURES)}) / (${fill(OUTCOMES)})`,
        usingMetrics,
        period: Duration.minutes(15),
        label: 'error rate (%)',
      });
      const own: IAlarm[] = [connector.alarms.deadLetterAlarm, connector.alarms.messageAgeAlarm];
      const errorAlarm = new Alarm(this, `ErrorRate-${spec.service}`, {
        alarmDescription: `${spec.name}: more than ${props.errorRatePercent ?? 10} % of finished enrichments failed (failed, dead-lettered or malformed) over 15 minutes`,
        metric: errorRate,
        threshold: props.errorRatePercent ?? 10,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // No enrichment finished: nothing failed either.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      this.alarms.push(errorAlarm);
      own.push(errorAlarm);
      const waitAlarm = this.quotaWaitAlarm(connector, props.maxQuotaWaitSeconds ?? 3600);
      this.alarms.push(waitAlarm);
      own.push(waitAlarm);
      const widgets: IWidget[] = [
        new GraphWidget({ title: `${spec.name}: outcomes`, left: OUTCOMES.map((n) => functionMetric(n, 'Sum')), stacked: true, width: 6 }),
        new GraphWidget({
          title: `${spec.name}: vendor latency (ms)`,
          left: [
            functionMetric('VendorLatency', 'p50').with({ label: 'p50' }),
            functionMetric('VendorLatency', 'p99').with({ label: 'p99' }),
          ],
          right: [functionMetric('VendorCalls', 'Sum')],
          width: 6,
        }),
        new GraphWidget({
          title: `${spec.name}: queue`,
          left: [
            queues.queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum', label: 'oldest message age (s)' }),
          ],
          right: [
            queues.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: 'DLQ depth' }),
          ],
          width: 6,
        }),
      ];
      if (props.bridge) {
        const pingAge = new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: 'PingAge',
          dimensionsMap: { service: 'bridge', [CONNECTOR_DIMENSION]: spec.name },
          statistic: 'Maximum',
          period: PERIOD,
          label: 'ping age (s)',
        });
        const pingAlarm = new Alarm(this, `PingAge-${spec.service}`, {
          alarmDescription: `${spec.name}: the bridge has not pinged OpenCTI for ${props.maxPingAgeSeconds ?? 240} s, or reports nothing (bridge down); the platform drops a silent connector after 5 minutes`,
          metric: pingAge,
          threshold: props.maxPingAgeSeconds ?? 240,
          comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 2,
          // The bridge reports every minute: no report means no bridge.
          treatMissingData: TreatMissingData.BREACHING,
        });
        this.alarms.push(pingAlarm);
        own.push(pingAlarm);
        widgets.push(new GraphWidget({ title: `${spec.name}: bridge ping age (s)`, left: [pingAge], width: 3 }));
      }
      widgets.push(new AlarmStatusWidget({ title: `${spec.name}: alarms`, alarms: own, width: props.bridge ? 3 : 6 }));
      this.dashboard.addWidgets(...widgets);
    }
    if (action)
      for (const alarm of this.alarms) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
  }

  /** Alarms when a record of the connector has been waiting for an exhausted quota (or a vendor pause) this long. */
  private quotaWaitAlarm(connector: EnrichmentConnector, thresholdSeconds: number): Alarm {
    const { spec } = connector;
    const filter = new MetricFilter(this, `QuotaWaitFilter-${spec.service}`, {
      logGroup: connector.handler.logGroup,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.message', '=', WAIT_LOG_MESSAGE),
        FilterPattern.numberValue('$.waitingForSeconds', '>=', 0),
      ),
      metricNamespace: METRICS_NAMESPACE,
      metricName: QUOTA_WAIT_METRIC,
      metricValue: '$.waitingForSeconds',
      dimensions: { service: '$.service', connector_id: '$.connector_id' },
      unit: Unit.SECONDS,
    });
    return new Alarm(this, `QuotaWait-${spec.service}`, {
      alarmDescription: `${spec.name}: a record has waited ${Math.round(thresholdSeconds / 60)} minutes for the vendor quota (${serviceEnvPrefix(spec.service)}_RATE_LIMIT used up, or the vendor keeps answering 429); enrichments are late, none is lost`,
      metric: filter.metric({
        dimensionsMap: { service: spec.service, connector_id: spec.id },
        statistic: 'Maximum',
        period: QUOTA_WAIT_PERIOD,
      }),
      threshold: thresholdSeconds,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // No waiting record, no line.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}

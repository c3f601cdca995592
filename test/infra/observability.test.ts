import { BRIDGE_CONFIG, CONNECTORS_CONFIG, ALARM_TOPIC } from './helpers/configs';
import { synthesize, type Synthesized } from './helpers/synth';
import { connectorResources, flatten, resources, type Props } from './helpers/template';

/** The dashboard body as deployed (its JSON, with tokens flattened to text). */
const dashboardBody = (synth: Synthesized): string => {
  const dashboards = Object.values(resources(synth.template, 'AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  return flatten(dashboards[0]!.DashboardBody);
};

/** Every metric line of every graph of the dashboard, e.g. `[namespace, name, dim, value, ..., { stat }]`. */
const chartedMetrics = (body: string): unknown[][] =>
  (JSON.parse(body) as { widgets: Array<{ properties: { metrics?: unknown[][] } }> }).widgets.flatMap((w) => w.properties.metrics ?? []);

const alarmsDescribed = (synth: Synthesized, pattern: RegExp): Props[] =>
  Object.values(resources(synth.template, 'AWS::CloudWatch::Alarm')).filter((a) => pattern.test(String(a.AlarmDescription)));

describe('the stack dashboard and alarms (callback ingress, alarm topic set)', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize(CONNECTORS_CONFIG);
  });
  afterAll(() => synth.cleanup());

  it('has one dashboard with a row per connector: outcomes, vendor latency p50/p99, queue age and DLQ depth', () => {
    const body = dashboardBody(synth);
    for (const { service, name } of [
      { service: 'shodan-internetdb', name: 'Shodan InternetDB' },
      { service: 'abuseipdb', name: 'AbuseIPDB' },
      { service: 'first-epss', name: 'FIRST EPSS' },
    ]) {
      expect(body).toContain(`${name}: outcomes`);
      expect(body).toContain(`${name}: vendor latency (ms)`);
      expect(body).toContain(`${name}: queue`);
      for (const metric of ['Enriched', 'Failed', 'DeadLettered', 'Malformed', 'VendorLatency'])
        expect(chartedMetrics(body)).toContainEqual(
          expect.arrayContaining(['OpenCTIEnrichment', metric, 'service', service, 'connector', name]),
        );
    }
    expect(body).toMatch(/"VendorLatency".*"stat":"p50"/);
    expect(body).toMatch(/"VendorLatency".*"stat":"p99"/);
    expect(body).toContain('ApproximateAgeOfOldestMessage');
    expect(body).toContain('ApproximateNumberOfMessagesVisible');
    expect(body).not.toContain('PingAge'); // no bridge in callback mode
  });

  it('alarms on each connector error rate (failed, dead-lettered, malformed over all outcomes) and notifies the topic', () => {
    const alarms = alarmsDescribed(synth, /% of finished enrichments failed/);
    expect(alarms).toHaveLength(CONNECTORS_CONFIG.connectors.length);
    for (const alarm of alarms) {
      const expression = alarm.Metrics.find((m: Props) => m.Expression).Expression as string;
      expect(expression).toMatch(/^100 \* \(FILL\(failed, 0\) \+ FILL\(deadlettered, 0\) \+ FILL\(malformed, 0\)\) \/ \(/);
      expect(alarm).toMatchObject({
        Threshold: 10,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarm.AlarmActions).toEqual([ALARM_TOPIC]);
      expect(alarm.OKActions).toEqual([ALARM_TOPIC]);
    }
  });

  it.each(CONNECTORS_CONFIG.connectors)(
    'alarms when a $service record has waited an hour for the quota, read from the wait lines of its own log group',
    (connector) => {
      const { fn } = connectorResources(synth.template, connector.id);
      const logGroup = flatten(fn.LoggingConfig.LogGroup);
      const filters = Object.values(resources(synth.template, 'AWS::Logs::MetricFilter')).filter(
        (f) => flatten(f.LogGroupName) === logGroup,
      );
      expect(filters).toHaveLength(1);
      expect(filters[0]!.FilterPattern).toBe('{ ($.message = "Waiting for the quota") && ($.waitingForSeconds >= 0) }');
      expect(filters[0]!.MetricTransformations).toEqual([
        {
          MetricNamespace: 'OpenCTIEnrichment',
          MetricName: 'QuotaWaitSeconds',
          MetricValue: '$.waitingForSeconds',
          Unit: 'Seconds',
          Dimensions: [
            { Key: 'service', Value: '$.service' },
            { Key: 'connector_id', Value: '$.connector_id' },
          ],
        },
      ]);
      const alarms = Object.values(resources(synth.template, 'AWS::CloudWatch::Alarm')).filter(
        (a) =>
          a.MetricName === 'QuotaWaitSeconds' && a.Dimensions.some((d: Props) => d.Name === 'connector_id' && d.Value === connector.id),
      );
      expect(alarms).toEqual([
        expect.objectContaining({
          Namespace: 'OpenCTIEnrichment',
          Dimensions: expect.arrayContaining([{ Name: 'service', Value: connector.service }]),
          Statistic: 'Maximum',
          Period: 1200,
          EvaluationPeriods: 1,
          Threshold: 3600,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: [ALARM_TOPIC],
          OKActions: [ALARM_TOPIC],
        }),
      ]);
    },
  );

  it('sends every alarm of the stack to the topic', () => {
    const alarms = Object.values(resources(synth.template, 'AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThanOrEqual(24); // DLQ, oldest message, error rate and quota wait per connector
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([ALARM_TOPIC]);
  });
});

describe('the stack dashboard and alarms (bridge ingress, no topic)', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize(BRIDGE_CONFIG);
  });
  afterAll(() => synth.cleanup());

  it('charts and alarms on the bridge ping age per connector, alarming when the bridge reports nothing', () => {
    expect(chartedMetrics(dashboardBody(synth))).toContainEqual(
      expect.arrayContaining(['OpenCTIEnrichment', 'PingAge', 'service', 'bridge', 'connector', 'abuseipdb']),
    );
    const alarms = alarmsDescribed(synth, /has not pinged OpenCTI/);
    expect(alarms).toHaveLength(2);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({ Threshold: 240, TreatMissingData: 'breaching' });
      expect(JSON.stringify(alarm)).toContain('"MetricName":"PingAge","Namespace":"OpenCTIEnrichment"');
      expect(alarm.AlarmActions).toBeUndefined();
    }
  });
});

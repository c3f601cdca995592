import { CfnOutput, Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { FunctionUrlAuthType, type FunctionUrl } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bridgeConnectorsJson } from './bridge-connectors';
import { CLAIM_CHECK_PREFIX, type ClaimCheckBucket } from './claim-check-bucket';
import type { OpenCtiEndpoint } from './connector-environment';
import type { EnrichmentConnector } from './enrichment-connector';
import { EsmFunction } from './esm-function';

export interface CallbackIngressProps {
  /** The connectors the platform calls back for; each registers `listen_callback_uri` = `<function URL>/<id>`. */
  readonly connectors: readonly EnrichmentConnector[];
  /** The platform the heartbeat registers the connectors with. */
  readonly opencti: OpenCtiEndpoint;
  /** TypeScript entry of the callback handler (`functions/bridge/callback-handler.ts`). */
  readonly callbackEntry: string;
  /** TypeScript entry of the heartbeat handler (`functions/bridge/heartbeat-handler.ts`). */
  readonly heartbeatEntry: string;
  /** Directory with `package-lock.json`. */
  readonly projectRoot: string;
  /** How often every connector is registered and pinged (the platform drops a connector silent for 5 minutes). @default Duration.minutes(1) */
  readonly heartbeatInterval?: Duration;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Bucket for bodies too large for SQS; the callback may write to it. @default none */
  readonly claimCheck?: ClaimCheckBucket;
  /**
   * Concurrent executions reserved for the public callback function, and its cap: a flood of
   * requests cannot take the account's whole concurrency from every other function. @default 10
   */
  readonly reservedConcurrency?: number;
}

/**
 * Callback mode (OpenCTI >= 6.6): the platform POSTs each enrichment message to a function URL,
 * which checks the connector's bearer token and enqueues into the connector's queue; a scheduled
 * function registers and pings the connectors with that URL as their `listen_callback_uri`.
 */
export class CallbackIngress extends Construct {
  readonly callback: EsmFunction;
  readonly url: FunctionUrl;
  readonly heartbeat: EsmFunction;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: CallbackIngressProps) {
    super(scope, id);
    const common: Record<string, string> = {
      OPENCTI_URL: props.opencti.url,
      OPENCTI_SSL_VERIFY: String(props.opencti.sslVerify),
      CONNECTOR_LISTEN_PROTOCOL: 'API',
      BRIDGE_CONNECTORS: bridgeConnectorsJson(this, props.connectors),
    };

    this.callback = new EsmFunction(this, 'Callback', {
      entry: props.callbackEntry,
      projectRoot: props.projectRoot,
      // The bridge functions never import amqplib (they consume no RabbitMQ).
      bundle: { amqp: false },
      description: 'OpenCTI enrichment callback: checks the connector token and enqueues the message',
      timeout: Duration.seconds(30),
      logRetention: props.logRetention,
      reservedConcurrentExecutions: props.reservedConcurrency ?? 10,
      environment: props.claimCheck
        ? { ...common, BRIDGE_CLAIM_CHECK_BUCKET: props.claimCheck.bucket.bucketName, BRIDGE_CLAIM_CHECK_PREFIX: CLAIM_CHECK_PREFIX }
        : common,
    });
    // The platform's worker authenticates with the connector's bearer token, checked by the handler; it cannot sign SigV4.
    // The handler answers 405/413/415 to anything but a JSON POST of at most 10 MiB (a function URL takes 6 MB at most anyway).
    this.url = this.callback.function.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });
    props.claimCheck?.grantWrite(
      this.callback.role,
      props.connectors.map((c) => c.spec.id),
    );

    this.heartbeat = new EsmFunction(this, 'Heartbeat', {
      entry: props.heartbeatEntry,
      projectRoot: props.projectRoot,
      // The bridge functions never import amqplib (they consume no RabbitMQ).
      bundle: { amqp: false },
      description: 'OpenCTI enrichment heartbeat: registers and pings every connector in callback mode',
      timeout: Duration.seconds(50),
      logRetention: props.logRetention,
      environment: { ...common, BRIDGE_CALLBACK_URL: this.url.url },
    });
    this.schedule = new Rule(this, 'Schedule', {
      description: 'Registers and pings the OpenCTI enrichment connectors',
      schedule: Schedule.rate(props.heartbeatInterval ?? Duration.minutes(1)),
      targets: [new LambdaFunction(this.heartbeat.function, { retryAttempts: 0, maxEventAge: Duration.minutes(1) })],
    });

    new CfnOutput(this, 'Url', { value: this.url.url, description: 'Callback: base of every listen_callback_uri (<url><connector id>)' });
    new CfnOutput(this, 'HeartbeatLogGroupName', {
      value: this.heartbeat.logGroup.logGroupName,
      description: 'Callback: heartbeat log group',
    });

    for (const connector of props.connectors) {
      connector.queues.queue.grantSendMessages(this.callback.role);
      connector.tokenSecret.grantRead(this.callback.role);
      connector.tokenSecret.grantRead(this.heartbeat.role);
    }
  }
}

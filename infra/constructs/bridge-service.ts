import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Peer, Port, SecurityGroup, Subnet, Vpc } from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { BridgeSpec } from '../config/types';
import { bridgeConnectorsJson } from './bridge-connectors';
import { CLAIM_CHECK_PREFIX, type ClaimCheckBucket } from './claim-check-bucket';
import type { OpenCtiEndpoint } from './connector-environment';
import type { EnrichmentConnector } from './enrichment-connector';
import { importSecret } from './secret-ref';

export interface BridgeServiceProps {
  /** The connectors whose RabbitMQ queues the bridge forwards into their SQS queues. */
  readonly connectors: readonly EnrichmentConnector[];
  /** The platform the bridge registers the connectors with. */
  readonly opencti: OpenCtiEndpoint;
  /** Network, size and RabbitMQ settings (the `bridge` section of the configuration). */
  readonly settings: BridgeSpec;
  /** The bridge image, built from `functions/bridge/Dockerfile`. */
  readonly image: ecs.ContainerImage;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Bucket for bodies too large for SQS; the bridge may write to it. @default none */
  readonly claimCheck?: ClaimCheckBucket;
}

/** Exits 0 when the bridge's health endpoint answers 2xx; `node` is in every Node.js image. */
const healthCommand = (port: number): string[] => [
  'CMD',
  'node',
  '-e',
  `fetch('http://127.0.0.1:${port}/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
];

/**
 * The always-on bridge on ECS Fargate in an existing VPC: one task, replaced when its health
 * check fails, rolled back when a deployment does not become healthy. It may send to exactly the
 * connectors' queues and read exactly their OpenCTI token secrets (and the RabbitMQ password
 * secret, if one is configured); it fetches secret values itself, by name.
 */
export class BridgeService extends Construct {
  readonly service: ecs.FargateService;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly securityGroup: SecurityGroup;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: BridgeServiceProps) {
    super(scope, id);
    const { settings } = props;
    const vpc = Vpc.fromVpcAttributes(this, 'Vpc', { vpcId: settings.vpcId, availabilityZones: [...settings.availabilityZones] });
    const subnets = settings.subnetIds.map((subnetId, i) => {
      const subnet = Subnet.fromSubnetAttributes(this, `Subnet${i}`, { subnetId, availabilityZone: settings.availabilityZones[i] });
      Annotations.of(subnet).acknowledgeWarning(
        '@aws-cdk/aws-ec2:noSubnetRouteTableId',
        'The task is only placed in the subnet; nothing reads its route table.',
      );
      return subnet;
    });

    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc,
      allowAllOutbound: false,
      description: 'OpenCTI enrichment bridge: egress to the platform, its RabbitMQ and AWS APIs; no ingress',
    });
    this.securityGroup.addEgressRule(Peer.ipv4(settings.platformCidr), Port.tcp(settings.platformPort), 'OpenCTI platform API');
    this.securityGroup.addEgressRule(Peer.ipv4(settings.rabbitmqCidr), Port.tcp(settings.rabbitmqPort), 'OpenCTI RabbitMQ');
    this.securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), 'AWS APIs over HTTPS (SQS, Secrets Manager, S3, ECR, CloudWatch Logs)');

    const cluster = new ecs.Cluster(this, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: settings.cpu,
      memoryLimitMiB: settings.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: settings.cpuArchitecture === 'ARM64' ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    this.taskDefinition.addContainer('Bridge', {
      image: props.image,
      essential: true,
      environment: this.environment(props),
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'bridge', logGroup: this.logGroup }),
      healthCheck: {
        command: healthCommand(settings.healthPort),
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(60),
      },
      stopTimeout: Duration.seconds(30),
    });

    for (const connector of props.connectors) {
      connector.queues.queue.grantSendMessages(this.taskDefinition.taskRole);
      connector.tokenSecret.grantRead(this.taskDefinition.taskRole);
    }
    if (settings.rabbitmq.passwordSecret) {
      importSecret(this, 'RabbitMqPassword', settings.rabbitmq.passwordSecret).grantRead(this.taskDefinition.taskRole);
    }
    props.claimCheck?.grantWrite(
      this.taskDefinition.taskRole,
      props.connectors.map((c) => c.spec.id),
    );

    this.service = new ecs.FargateService(this, 'Service', {
      cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: 1,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      securityGroups: [this.securityGroup],
      vpcSubnets: { subnets },
      assignPublicIp: settings.assignPublicIp,
    });

    new CfnOutput(this, 'ClusterName', { value: cluster.clusterName, description: 'Bridge: ECS cluster' });
    new CfnOutput(this, 'ServiceName', { value: this.service.serviceName, description: 'Bridge: ECS service' });
    new CfnOutput(this, 'LogGroupName', { value: this.logGroup.logGroupName, description: 'Bridge: log group' });

    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds no secret values: URLs, ports, connector ids, queue URLs, and the names of the Secrets Manager secrets the bridge reads itself at run time (task role limited to exactly those secrets).',
    });
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ecr:GetAuthorizationToken, needed to pull the bridge image, does not support resource-level permissions; the pull itself is limited to the CDK asset repository.',
    });
  }

  private environment(props: BridgeServiceProps): Record<string, string> {
    const mq = props.settings.rabbitmq;
    const env: Record<string, string> = {
      AWS_REGION: Stack.of(this).region,
      OPENCTI_URL: props.opencti.url,
      OPENCTI_SSL_VERIFY: String(props.opencti.sslVerify),
      CONNECTOR_LISTEN_PROTOCOL: 'AMQP',
      BRIDGE_HEALTH_PORT: String(props.settings.healthPort),
      BRIDGE_CONNECTORS: bridgeConnectorsJson(this, props.connectors),
    };
    if (props.claimCheck) {
      env.BRIDGE_CLAIM_CHECK_BUCKET = props.claimCheck.bucket.bucketName;
      env.BRIDGE_CLAIM_CHECK_PREFIX = CLAIM_CHECK_PREFIX;
    }
    if (mq.host) env.MQ_HOST = mq.host;
    if (mq.port) env.MQ_PORT = String(mq.port);
    if (mq.vhost) env.MQ_VHOST = mq.vhost;
    if (mq.useSsl !== undefined) env.MQ_USE_SSL = String(mq.useSsl);
    if (mq.user) env.MQ_USER = mq.user;
    if (mq.passwordSecret) env.MQ_PASS_SECRET = mq.passwordSecret;
    return env;
  }
}

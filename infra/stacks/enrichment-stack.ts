import { relative } from 'node:path';
import { Annotations, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import { ContainerImage } from 'aws-cdk-lib/aws-ecs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { BridgeSpec, DeploymentConfig } from '../config/types';
import { BridgeService } from '../constructs/bridge-service';
import { CallbackIngress } from '../constructs/callback-ingress';
import { ClaimCheckBucket } from '../constructs/claim-check-bucket';
import { EnrichmentConnector } from '../constructs/enrichment-connector';
import { Observability } from '../constructs/observability';
import { QuotaTable } from '../constructs/quota-table';
import { defaultLayout, type SourceLayout } from '../paths';
import { findSourceFiles } from './source-files';

/**
 * Kept out of the bridge image's build context (on top of a `.dockerignore`): large, generated,
 * the user's own settings, or never part of the bridge, so that changing them does not rebuild it.
 */
export const DOCKER_CONTEXT_EXCLUDES = [
  'node_modules',
  'cdk.out',
  '.git',
  'coverage',
  'dist',
  'bench-results',
  '.local-state',
  '.local-claims',
  '.local-state',
  '*.log',
  'config.yml',
  'connectors.yml',
  'deploy.yml',
  'cdk.json',
  'cdk.context.json',
  'infra',
  'local',
  'test',
  'docs',
  '.ci',
  '*.md',
];

export interface EnrichmentStackProps extends StackProps {
  /** The deployment configuration, defaults applied (see `loadDeploymentConfig`). */
  readonly config: DeploymentConfig;
  /** Where the function entries, the lock file and the bridge Dockerfile are. @default the repository's layout */
  readonly layout?: SourceLayout;
}

/**
 * Every configured OpenCTI enrichment connector (queue, DLQ, function, alarms), the quota table they
 * share, and the ingress that feeds their queues: the bridge on ECS Fargate, or the callback endpoint.
 */
export class EnrichmentStack extends Stack {
  readonly connectors: EnrichmentConnector[];
  readonly claimCheck?: ClaimCheckBucket;
  readonly bridge?: BridgeService;
  readonly callback?: CallbackIngress;
  readonly observability: Observability;
  readonly quotaTable: QuotaTable;

  constructor(scope: Construct, id: string, props: EnrichmentStackProps) {
    const { config, layout = defaultLayout(), ...stackProps } = props;
    super(scope, id, { description: 'Serverless OpenCTI enrichment connectors (SQS + Lambda per connector)', ...stackProps });
    const logRetention = config.logRetentionDays as RetentionDays;
    const opencti = config.opencti;
    const files = findSourceFiles(config, layout);
    if (config.sample) {
      Annotations.of(this).addWarningV2(
        'opencti:sample-config',
        'Synthesized from the sample configuration: its VPC, secrets and connector ids are placeholders. Copy it and point the context value configFile at your copy before deploying (docs/deploy.md).',
      );
    }

    if (config.claimCheck.enabled) {
      this.claimCheck = new ClaimCheckBucket(this, 'ClaimCheck', { expiration: Duration.days(config.claimCheck.expirationDays) });
    }
    this.quotaTable = new QuotaTable(this, 'Quota');
    const alarmTopic = config.alarms.snsTopicArn ? Topic.fromTopicArn(this, 'AlarmTopic', config.alarms.snsTopicArn) : undefined;

    this.connectors = config.connectors.map(
      (spec) =>
        new EnrichmentConnector(this, `Connector-${spec.service}`, {
          spec,
          opencti,
          entry: files.handlers.get(spec.service) as string,
          projectRoot: layout.projectRoot,
          logRetention,
          deadLetterThreshold: config.alarms.dlqMessages,
          maxMessageAge: Duration.seconds(config.alarms.oldestMessageAgeSeconds),
          alarmTopic,
          claimCheck: this.claimCheck,
          quotaTable: this.quotaTable,
        }),
    );

    if (config.ingress === 'bridge') {
      const settings = config.bridge;
      if (!settings) throw new Error("The bridge section is required when ingress is 'bridge'");
      this.bridge = new BridgeService(this, 'Bridge', {
        connectors: this.connectors,
        opencti,
        settings,
        image: bridgeImage(layout, files.dockerfile as string, settings),
        logRetention,
        claimCheck: this.claimCheck,
      });
    } else {
      this.callback = new CallbackIngress(this, 'Callback', {
        connectors: this.connectors,
        opencti,
        callbackEntry: files.callbackHandler as string,
        heartbeatEntry: files.heartbeatHandler as string,
        projectRoot: layout.projectRoot,
        logRetention,
        claimCheck: this.claimCheck,
        reservedConcurrency: config.callback.reservedConcurrency,
      });
    }
    this.observability = new Observability(this, 'Observability', {
      connectors: this.connectors,
      bridge: config.ingress === 'bridge',
      topic: alarmTopic,
    });
  }
}

/** The bridge image, built at deploy time with the project root as context. */
function bridgeImage(layout: SourceLayout, dockerfile: string, bridge: BridgeSpec): ContainerImage {
  return ContainerImage.fromAsset(layout.projectRoot, {
    file: relative(layout.projectRoot, dockerfile),
    platform: bridge.cpuArchitecture === 'ARM64' ? Platform.LINUX_ARM64 : Platform.LINUX_AMD64,
    exclude: DOCKER_CONTEXT_EXCLUDES,
  });
}

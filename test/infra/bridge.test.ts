import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBridgeConfig } from '../../functions/bridge';
import { REPO_ROOT } from '../../infra/paths';
import { ABUSEIPDB_TOKEN_ARN, BRIDGE_CONFIG, IDS } from './helpers/configs';
import { missingFiles, synthesize, type Synthesized } from './helpers/synth';
import {
  connectorResources,
  deployedEnvironment,
  flatten,
  resources,
  resourcesAllowing,
  roleStatements,
  type Props,
} from './helpers/template';

const DOCKERFILE = 'functions/bridge/Dockerfile';
const missing = missingFiles([DOCKERFILE]);
const describeBridge = missing.length === 0 ? describe : describe.skip;
if (missing.length > 0)
  console.warn(
    `Bridge stack tests skipped: ${missing.join(', ')} does not exist yet; the bridge is synthesized only from the real Dockerfile.`,
  );
const CONNECTOR_IDS = [IDS.shodan, IDS.abuseipdb];

let synth: Synthesized;

/** `npm start`'s state folders, made for the synth when absent: they hold messages and must never reach the image. */
const LOCAL_STATE = ['.local-state', '.local-claims'];
const madeForTest = LOCAL_STATE.filter((dir) => !existsSync(join(REPO_ROOT, dir)));

describeBridge(
  `EnrichmentStack: the bridge on ECS Fargate (ingress: bridge)${missing.length ? ` (skipped: ${missing.join(', ')} does not exist yet)` : ''}`,
  () => {
    beforeAll(() => {
      for (const dir of madeForTest) {
        mkdirSync(join(REPO_ROOT, dir));
        writeFileSync(join(REPO_ROOT, dir, 'probe.jsonl'), '{}\n');
      }
      synth = synthesize(BRIDGE_CONFIG);
    }, 180_000);
    afterAll(() => {
      synth?.cleanup();
      for (const dir of madeForTest) rmSync(join(REPO_ROOT, dir), { recursive: true, force: true });
    });

    const taskDefinition = (): Props => Object.values(resources(synth.template, 'AWS::ECS::TaskDefinition'))[0]!;
    const container = (): Props => taskDefinition().ContainerDefinitions[0];
    const taskRoleStatements = () => roleStatements(synth.template, flatten(taskDefinition().TaskRoleArn).slice(1, -'.Arn>'.length));
    const secretOf = (resource: string): string => resource.match(/:secret:(.+)-\?{6}$/)?.[1] ?? resource;

    it('synthesizes with zero unacknowledged cdk-nag findings and no template validation errors', () => {
      expect(synth.errors).toEqual([]);
    });

    it('runs one always-on Fargate task that rolls back a deployment that does not become healthy', () => {
      synth.template.resourceCountIs('AWS::ECS::Service', 1);
      synth.template.hasResourceProperties('AWS::ECS::Service', {
        LaunchType: 'FARGATE',
        DesiredCount: 1,
        DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true }, MinimumHealthyPercent: 100 },
        NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', Subnets: BRIDGE_CONFIG.bridge.subnetIds } },
      });
    });

    it('uses the configured VPC as given, without lookups', () => {
      synth.template.resourceCountIs('AWS::EC2::VPC', 0);
      synth.template.hasResourceProperties('AWS::EC2::SecurityGroup', { VpcId: BRIDGE_CONFIG.bridge.vpcId });
      expect(synth.assembly.manifest.missing ?? []).toEqual([]);
    });

    it('allows egress only to the platform, RabbitMQ and HTTPS, and no ingress', () => {
      const groups = Object.values(resources(synth.template, 'AWS::EC2::SecurityGroup'));
      expect(groups).toHaveLength(1);
      expect(groups[0]!.SecurityGroupIngress).toBeUndefined();
      synth.template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
      expect(groups[0]!.SecurityGroupEgress.map((r: Props) => `${r.CidrIp} tcp/${r.FromPort}-${r.ToPort}`).sort()).toEqual(
        ['0.0.0.0/0 tcp/443-443', '10.20.0.0/16 tcp/8080-8080', '10.30.0.0/24 tcp/5671-5671'].sort(),
      );
    });

    it('checks the container health on its health endpoint', () => {
      expect(container()).toMatchObject({ Essential: true, HealthCheck: { Retries: 3, Interval: 30 } });
      expect(container().HealthCheck.Command.join(' ')).toContain('http://127.0.0.1:8080/health');
    });

    it('ships the container logs to a log group kept 90 days', () => {
      const logGroupId = flatten(container().LogConfiguration.Options['awslogs-group']).slice(1, -1);
      expect(container().LogConfiguration.LogDriver).toBe('awslogs');
      expect(resources(synth.template, 'AWS::Logs::LogGroup')[logGroupId]).toMatchObject({ RetentionInDays: 90 });
    });

    it("lets the bridge send to exactly the connectors' queues", () => {
      const queueArns = CONNECTOR_IDS.map((id) => `<${connectorResources(synth.template, id).queueId}.Arn>`);
      expect(resourcesAllowing(taskRoleStatements(), 'sqs:SendMessage').sort()).toEqual(queueArns.sort());
    });

    it('lets the bridge read exactly the connector tokens and the RabbitMQ password', () => {
      expect(resourcesAllowing(taskRoleStatements(), 'secretsmanager:GetSecretValue').map(secretOf).sort()).toEqual(
        ['opencti/shodan/token', ABUSEIPDB_TOKEN_ARN, 'opencti/rabbitmq/password'].sort(),
      );
    });

    it("lets the bridge write only the connectors' claim checks", () => {
      const keys = resourcesAllowing(taskRoleStatements(), 's3:PutObject').map((r) => r.replace(/^<\w+\.Arn>/, ''));
      expect(keys.sort()).toEqual(CONNECTOR_IDS.map((id) => `/claim-check/${id}/*`).sort());
    });

    it('gives the container an environment the bridge accepts', () => {
      const variables = Object.fromEntries(container().Environment.map((e: Props) => [e.Name, e.Value]));
      const config = loadBridgeConfig(deployedEnvironment(synth.template, variables), { purpose: 'bridge' });
      expect(config).toMatchObject({
        listenProtocol: 'AMQP',
        healthPort: 8080,
        opencti: { url: 'https://opencti.internal.test', sslVerify: true },
        mq: {
          host: 'rabbitmq.internal.test',
          useSsl: true,
          user: 'opencti',
          pass: { kind: 'secrets-manager', secretId: 'opencti/rabbitmq/password' },
        },
        claimCheck: { kind: 's3', prefix: 'claim-check/' },
      });
      expect(config.connectors.map((c) => [c.id, c.queueUrl, c.token])).toEqual(
        CONNECTOR_IDS.map((id, i) => [
          id,
          `https://sqs.eu-west-1.amazonaws.com/123456789012/${connectorResources(synth.template, id).queueId}`,
          expect.objectContaining({ kind: 'secrets-manager', secretId: BRIDGE_CONFIG.connectors[i]!.tokenSecret }),
        ]),
      );
    });

    it('builds the image from functions/bridge/Dockerfile with the repository as context, without node_modules', () => {
      const manifest = JSON.parse(readFileSync(join(synth.assembly.directory, `${synth.stack.artifactId}.assets.json`), 'utf8'));
      const images = Object.values(manifest.dockerImages) as { source: { directory: string; dockerFile: string; platform: string } }[];
      expect(images).toHaveLength(1);
      expect(images[0]!.source).toMatchObject({ dockerFile: DOCKERFILE, platform: 'linux/amd64' });
      const context = join(synth.assembly.directory, images[0]!.source.directory);
      expect(existsSync(join(context, 'package-lock.json'))).toBe(true);
      expect(existsSync(join(context, DOCKERFILE))).toBe(true);
      expect(existsSync(join(context, 'node_modules'))).toBe(false);
      for (const dir of LOCAL_STATE) expect([dir, existsSync(join(context, dir))]).toEqual([dir, false]);
    });
  },
);

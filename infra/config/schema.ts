import * as z from 'zod';
import { booleanSetting, httpUrlSetting } from '../../shared/config/coerce';
import { connectorDefaultsSchema, connectorInputSchema, intIn } from './connector-schema';

/** The retention values CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const port = intIn(1, 65535);
const cidr = z
  .string()
  .trim()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/);
/** YAML reads `account: 012345678901` as a number; take it back as 12 digits. */
const accountId = z.preprocess((v) => (typeof v === 'number' ? String(v).padStart(12, '0') : v), z.string().regex(/^\d{12}$/));

const rabbitMqSchema = z
  .strictObject({
    host: z.string().trim().min(1).optional(),
    port: port.optional(),
    vhost: z.string().min(1).optional(),
    useSsl: booleanSetting.optional(),
    user: z.string().trim().min(1).optional(),
    passwordSecret: z.string().trim().min(1).optional(),
  })
  .prefault({});

const bridgeSchema = z
  .strictObject({
    vpcId: z
      .string()
      .trim()
      .regex(/^vpc-[0-9a-f]+$/),
    availabilityZones: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/),
      )
      .min(1),
    subnetIds: z
      .array(
        z
          .string()
          .trim()
          .regex(/^subnet-[0-9a-f]+$/),
      )
      .min(1),
    platformCidr: cidr,
    platformPort: port.default(443),
    rabbitmqCidr: cidr.optional(),
    rabbitmqPort: port.default(5672),
    assignPublicIp: booleanSetting.default(false),
    cpu: z.coerce
      .number()
      .pipe(z.union([z.literal(256), z.literal(512), z.literal(1024), z.literal(2048), z.literal(4096)]))
      .default(256),
    memoryMiB: intIn(512, 30720).default(512),
    cpuArchitecture: z.enum(['X86_64', 'ARM64']).default('X86_64'),
    healthPort: port.default(8080),
    rabbitmq: rabbitMqSchema,
  })
  .transform((bridge) => ({ ...bridge, rabbitmqCidr: bridge.rabbitmqCidr ?? bridge.platformCidr }));

/** The whole deployment configuration as the user writes it. */
export const deploymentConfigSchema = z
  .strictObject({
    stackName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/)
      .default('OpenCtiEnrichment'),
    env: z
      .strictObject({
        account: accountId.optional(),
        region: z
          .string()
          .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
          .optional(),
      })
      .prefault({}),
    sample: booleanSetting.default(false),
    opencti: z.strictObject({ url: httpUrlSetting, sslVerify: booleanSetting.default(true) }),
    ingress: z.enum(['bridge', 'callback']).default('bridge'),
    bridge: bridgeSchema.optional(),
    callback: z.strictObject({ reservedConcurrency: intIn(1, 1000).default(10) }).prefault({}),
    claimCheck: z.strictObject({ enabled: booleanSetting.default(false), expirationDays: intIn(1, 365).default(7) }).prefault({}),
    alarms: z
      .strictObject({
        dlqMessages: intIn(1, 100000).default(1),
        oldestMessageAgeSeconds: intIn(60, 1209600).default(3600),
        snsTopicArn: z
          .string()
          .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/)
          .optional(),
      })
      .prefault({}),
    logRetentionDays: z.coerce
      .number()
      .pipe(z.union(LOG_RETENTION_DAYS.map((d) => z.literal(d))))
      .default(30),
    defaults: connectorDefaultsSchema,
    connectors: z.array(connectorInputSchema).min(1),
  })
  .superRefine((config, ctx) => {
    if (config.ingress === 'bridge' && !config.bridge) {
      ctx.addIssue({
        code: 'custom',
        path: ['bridge'],
        message:
          "is required when ingress is 'bridge': vpcId, availabilityZones, subnetIds and platformCidr of the network the bridge container runs in (or set ingress: callback)",
      });
    }
    if (config.bridge && config.bridge.subnetIds.length !== config.bridge.availabilityZones.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['bridge', 'subnetIds'],
        message: 'must list one subnet per entry of availabilityZones, in the same order',
      });
    }
    for (const key of ['service', 'id'] as const) {
      const seen = new Set<string>();
      config.connectors.forEach((connector, index) => {
        if (seen.has(connector[key])) {
          ctx.addIssue({
            code: 'custom',
            path: ['connectors', index, key],
            message: `"${connector[key]}" is used by two connectors: each connector needs its own ${key}`,
          });
        }
        seen.add(connector[key]);
      });
    }
  });

export type DeploymentConfigInput = z.output<typeof deploymentConfigSchema>;

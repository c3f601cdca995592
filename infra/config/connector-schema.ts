import * as z from 'zod';
import { booleanSetting, httpUrlSetting, listSetting, lowerEnum, tlpSetting, uuidSetting } from '../../shared/config/coerce';
import type { ConnectorSpec } from './types';

/** An integer in [min, max]; strings are accepted because `cdk -c key=value` passes strings. */
export const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const secretRef = z.string().trim().min(1);
const logLevel = lowerEnum(['debug', 'info', 'warn', 'error']);
const queueProtocol = lowerEnum(['api', 'amqp']);

/** Values every connector inherits unless it sets its own (the `defaults` section). */
export const connectorDefaultsSchema = z
  .strictObject({
    auto: booleanSetting.default(false),
    autoUpdate: booleanSetting.default(false),
    onlyContextual: booleanSetting.default(false),
    maxTlp: tlpSetting.default('TLP:AMBER'),
    logLevel: logLevel.default('info'),
    queueProtocol: queueProtocol.default('api'),
    memorySize: intIn(128, 10240).default(256),
    timeoutSeconds: intIn(1, 900).default(60),
    batchSize: intIn(1, 10).default(5),
    maxConcurrency: intIn(2, 1000).default(2),
    maxReceives: intIn(1, 1000).default(5),
  })
  .prefault({});

export type ConnectorDefaults = z.output<typeof connectorDefaultsSchema>;

/** One entry of `connectors` as the user writes it: unset tunables fall back to `defaults`. */
export const connectorInputSchema = z.strictObject({
  service: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  id: uuidSetting.transform((id) => id.toLowerCase()),
  name: z.string().trim().min(2).optional(),
  scope: listSetting.pipe(z.array(z.string()).min(1)).optional(),
  auto: booleanSetting.optional(),
  autoUpdate: booleanSetting.optional(),
  onlyContextual: booleanSetting.optional(),
  maxTlp: tlpSetting.optional(),
  tokenSecret: secretRef,
  apiKeySecret: secretRef.optional(),
  baseUrl: httpUrlSetting.optional(),
  logLevel: logLevel.optional(),
  queueProtocol: queueProtocol.optional(),
  memorySize: intIn(128, 10240).optional(),
  timeoutSeconds: intIn(1, 900).optional(),
  batchSize: intIn(1, 10).optional(),
  maxConcurrency: intIn(2, 1000).optional(),
  maxReceives: intIn(1, 1000).optional(),
  /** The service's own settings by option key (checked against the service in catalog.ts). */
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export type ConnectorInput = z.output<typeof connectorInputSchema>;

/** A connector with every unset value taken from `defaults` (and the scope from the service). */
export function resolveConnector(input: ConnectorInput, defaults: ConnectorDefaults, serviceScope: readonly string[]): ConnectorSpec {
  return {
    service: input.service,
    id: input.id,
    name: input.name ?? input.service,
    scope: input.scope ?? [...serviceScope],
    auto: input.auto ?? defaults.auto,
    autoUpdate: input.autoUpdate ?? defaults.autoUpdate,
    onlyContextual: input.onlyContextual ?? defaults.onlyContextual,
    maxTlp: input.maxTlp ?? defaults.maxTlp,
    tokenSecret: input.tokenSecret,
    apiKeySecret: input.apiKeySecret,
    baseUrl: input.baseUrl,
    logLevel: input.logLevel ?? defaults.logLevel,
    queueProtocol: input.queueProtocol ?? defaults.queueProtocol,
    memorySize: input.memorySize ?? defaults.memorySize,
    timeoutSeconds: input.timeoutSeconds ?? defaults.timeoutSeconds,
    batchSize: input.batchSize ?? defaults.batchSize,
    maxConcurrency: input.maxConcurrency ?? defaults.maxConcurrency,
    maxReceives: input.maxReceives ?? defaults.maxReceives,
    settings: Object.fromEntries(Object.entries(input.settings ?? {}).map(([key, value]) => [key, String(value)])),
  };
}

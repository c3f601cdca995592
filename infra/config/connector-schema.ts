import * as z from 'zod';
import {
  booleanSetting,
  httpUrlSetting,
  integerSetting,
  listSetting,
  lowerEnum,
  tlpSetting,
  uuidSetting,
} from '../../shared/config/coerce';
import { MANUAL_RESERVE_EXPECTED, manualReserveSetting } from '../../shared/quota/manual-reserve';
import { RATE_LIMIT_EXPECTED, rateLimitSetting } from '../../shared/quota/rate-limit';
import { derivedMaxConcurrency } from './max-concurrency';
import type { ConnectorSpec, QuotaSpec } from './types';

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
    /** Unset: derived per connector from its rate limit (see derivedMaxConcurrency). */
    maxConcurrency: intIn(2, 1000).optional(),
    maxReceives: intIn(1, 1000).default(5),
  })
  .prefault({});

/**
 * A quota setting as the function reads it (`<SERVICE>_RATE_LIMIT`, ...): YAML gives a string,
 * number or boolean; it is checked with the function's own parser and passed on as written.
 */
const asFunctionReads = (schema: z.ZodType, expected: string) =>
  z
    .union([z.string(), z.number(), z.boolean()])
    .transform(String)
    .refine((value) => schema.safeParse(value).success, { message: `expected ${expected}` });

/** A connector's quota governance (shared/config/quota-settings.ts), as `<SERVICE>_*` variables of its function. */
const quotaSchema = z.strictObject({
  rateLimit: asFunctionReads(rateLimitSetting, RATE_LIMIT_EXPECTED).optional(),
  manualReserve: asFunctionReads(manualReserveSetting, MANUAL_RESERVE_EXPECTED).optional(),
  cacheTtl: asFunctionReads(integerSetting.min(0).max(31_536_000), 'a number of seconds from 0 (no cache) to 31536000').optional(),
  manualBypassCache: asFunctionReads(booleanSetting, 'true or false').optional(),
  skipPrivateAddresses: asFunctionReads(booleanSetting, 'true or false').optional(),
  onQuotaExhausted: asFunctionReads(lowerEnum(['wait', 'fail']), 'wait or fail').optional(),
});

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
  /** Quota governance; unset keys take the service's defaults (docs/services.md). */
  quota: quotaSchema.optional(),
  /** The service's own settings by option key (checked against the service in catalog.ts). */
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export type ConnectorInput = z.output<typeof connectorInputSchema>;

/** What a connector takes from its service when the configuration leaves it out. */
export interface ServiceDefaults {
  scope: readonly string[];
  /** The vendor's documented limits (`ServiceDefinition.defaultRateLimit`). @default none */
  defaultRateLimit?: string;
}

/**
 * A connector with every unset value taken from `defaults`, then from its service (scope, and the
 * event source's concurrency derived from its rate limit).
 */
export function resolveConnector(input: ConnectorInput, defaults: ConnectorDefaults, service: ServiceDefaults): ConnectorSpec {
  const quota: QuotaSpec = Object.fromEntries(Object.entries(input.quota ?? {}).filter(([, value]) => value !== undefined));
  return {
    service: input.service,
    id: input.id,
    name: input.name ?? input.service,
    scope: input.scope ?? [...service.scope],
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
    maxConcurrency: input.maxConcurrency ?? defaults.maxConcurrency ?? derivedMaxConcurrency(quota.rateLimit ?? service.defaultRateLimit),
    maxReceives: input.maxReceives ?? defaults.maxReceives,
    quota,
    settings: Object.fromEntries(Object.entries(input.settings ?? {}).map(([key, value]) => [key, String(value)])),
  };
}

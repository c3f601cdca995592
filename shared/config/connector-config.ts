import * as z from 'zod';
import type { TlpLevel } from '../stix/markings';
import {
  booleanSetting,
  httpUrlSetting,
  integerSetting,
  listSetting,
  lowerEnum,
  stringSetting,
  tlpSetting,
  upperEnum,
  uuidSetting,
} from './coerce';
import { ConfigError, type ConfigProblem } from './errors';
import { readQuotaSettings, type QuotaDefaults, type QuotaSettings } from './quota-settings';
import { readSecretRef, type SecretRef } from './secret-ref';
import { readServiceOptions, type ServiceOption } from './service-options';
import { readSetting } from './settings';
import type { ConfigSource } from './raw-value';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** What the configuration needs to know about an enrichment service (its quota defaults included). */
export interface ServiceSettingsSpec extends QuotaDefaults {
  /** Service name, as its folder under `functions/` (e.g. `shodan-internetdb`). */
  name: string;
  /** Whether the vendor needs an API key. */
  apiKey: 'required' | 'optional' | 'none';
  /** The vendor's API base URL, overridable with `<SERVICE>_BASE_URL`. */
  defaultBaseUrl: string;
  /** Settings of the service's own, read as `<SERVICE>_<OPTION>`. @default none */
  options?: Readonly<Record<string, ServiceOption<unknown>>>;
}

/** One connector's configuration, parsed once at start. Secrets stay references until resolved. */
export interface ConnectorConfig {
  opencti: { url: string; token: SecretRef; sslVerify: boolean };
  connector: {
    id: string;
    type: 'INTERNAL_ENRICHMENT';
    name: string;
    scope: string[];
    auto: boolean;
    autoUpdate: boolean;
    onlyContextual: boolean;
    confidenceLevel?: number;
    updateExistingData: boolean;
    logLevel: LogLevel;
    listenProtocol: 'AMQP' | 'API';
    queueProtocol: 'api' | 'amqp';
  };
  service: {
    name: string;
    envPrefix: string;
    apiKey?: SecretRef;
    maxTlp: TlpLevel;
    baseUrl: string;
    /** `<SERVICE>_REPLACE_WITH_LOWER_SCORE`: whether the service may lower a higher score the entity has. */
    replaceWithLowerScore: boolean;
    /** The service's own options (see {@link ServiceSettingsSpec.options}), parsed. */
    options: Record<string, unknown>;
    /** `<SERVICE>_RATE_LIMIT`, `_MANUAL_RESERVE`, `_CACHE_TTL`, ...: quota governance (shared/quota). */
    quota: QuotaSettings;
  };
  /** Accepted settings that have no effect, to log once at start. */
  warnings: string[];
}

/** `shodan-internetdb` → `SHODAN_INTERNETDB`, the prefix of a service's own variables. */
export const serviceEnvPrefix = (service: string): string => service.toUpperCase().replace(/-/g, '_');

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'WARNING', 'ERROR'] as const;

/**
 * Parses a connector's settings (env > config.yml > default; an empty variable counts as unset).
 * Throws one {@link ConfigError} listing every bad setting.
 */
export function loadConnectorConfig(source: ConfigSource, service: ServiceSettingsSpec): ConnectorConfig {
  const problems: ConfigProblem[] = [];
  const config = readConnectorConfig(source, service, problems);
  if (!config) throw new ConfigError(problems);
  return config;
}

/**
 * {@link loadConnectorConfig} for a caller that reads other settings too: records each bad setting
 * in `problems` and returns undefined when there was one.
 */
export function readConnectorConfig(
  source: ConfigSource,
  service: ServiceSettingsSpec,
  problems: ConfigProblem[],
): ConnectorConfig | undefined {
  const before = problems.length;
  const warnings: string[] = [];
  const read = <T>(variable: string, path: string, schema: z.ZodType<T>, expected: string, def?: T, required = false) =>
    readSetting(source, { variable, path, schema, expected, default: def, required }, problems);

  const url = read('OPENCTI_URL', 'opencti.url', httpUrlSetting, 'the platform URL, e.g. http://opencti:8080', undefined, true);
  const token = readSecretRef(
    source,
    'OPENCTI_TOKEN',
    'opencti.token',
    { required: true, expected: "the API token of the connector's OpenCTI user", rejectValues: ['ChangeMe'] },
    problems,
  );
  const sslVerify = read('OPENCTI_SSL_VERIFY', 'opencti.ssl_verify', booleanSetting, 'true or false', true);

  const id = read('CONNECTOR_ID', 'connector.id', uuidSetting, 'a UUID (generate one with `uuidgen`)', undefined, true);
  const type = read(
    'CONNECTOR_TYPE',
    'connector.type',
    upperEnum(['INTERNAL_ENRICHMENT']),
    'INTERNAL_ENRICHMENT: these functions are enrichment connectors only',
    'INTERNAL_ENRICHMENT' as const,
  );
  const name = read(
    'CONNECTOR_NAME',
    'connector.name',
    stringSetting.pipe(z.string().min(2)),
    'a name of at least 2 characters',
    undefined,
    true,
  );
  const scope = read(
    'CONNECTOR_SCOPE',
    'connector.scope',
    listSetting,
    'a comma-separated list of entity types, e.g. IPv4-Addr,Domain-Name',
    undefined,
    true,
  );
  const auto = read('CONNECTOR_AUTO', 'connector.auto', booleanSetting, 'true or false', false);
  const autoUpdate = read('CONNECTOR_AUTO_UPDATE', 'connector.auto_update', booleanSetting, 'true or false', false);
  const onlyContextual = read('CONNECTOR_ONLY_CONTEXTUAL', 'connector.only_contextual', booleanSetting, 'true or false', false);
  const confidenceLevel = read(
    'CONNECTOR_CONFIDENCE_LEVEL',
    'connector.confidence_level',
    integerSetting.min(0).max(100),
    'an integer from 0 to 100',
  );
  if (confidenceLevel !== undefined) {
    warnings.push(
      "CONNECTOR_CONFIDENCE_LEVEL is ignored by OpenCTI >= 6.0: set the confidence level on the connector's user or group instead",
    );
  }
  const updateExistingData = read(
    'CONNECTOR_UPDATE_EXISTING_DATA',
    'connector.update_existing_data',
    booleanSetting,
    'true or false',
    false,
  );
  const logLevel = read(
    'CONNECTOR_LOG_LEVEL',
    'connector.log_level',
    upperEnum(LOG_LEVELS),
    'one of debug, info, warn, error',
    'INFO' as const,
  );
  const listenProtocol = read(
    'CONNECTOR_LISTEN_PROTOCOL',
    'connector.listen_protocol',
    upperEnum(['AMQP', 'API']),
    'AMQP or API',
    'AMQP' as const,
  );
  const queueProtocol = read(
    'CONNECTOR_QUEUE_PROTOCOL',
    'connector.queue_protocol',
    lowerEnum(['api', 'amqp']),
    'api or amqp',
    'api' as const,
  );

  const prefix = serviceEnvPrefix(service.name);
  const section = prefix.toLowerCase();
  const apiKey =
    service.apiKey === 'none'
      ? undefined
      : readSecretRef(
          source,
          `${prefix}_API_KEY`,
          `${section}.api_key`,
          { required: service.apiKey === 'required', expected: `the ${service.name} API key`, rejectValues: ['ChangeMe'] },
          problems,
        );
  const maxTlp = read(
    `${prefix}_MAX_TLP`,
    `${section}.max_tlp`,
    tlpSetting,
    'one of TLP:CLEAR, TLP:WHITE, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED',
    'TLP:AMBER' as TlpLevel,
  );
  const baseUrl = read(
    `${prefix}_BASE_URL`,
    `${section}.base_url`,
    httpUrlSetting,
    'an http(s) URL',
    httpUrlSetting.parse(service.defaultBaseUrl),
  );
  // Off by default: a service with a lower opinion records it in a note instead (see shared/pipeline/score-policy.ts).
  const replaceWithLowerScore = read(
    `${prefix}_REPLACE_WITH_LOWER_SCORE`,
    `${section}.replace_with_lower_score`,
    booleanSetting,
    'true or false',
    false,
  );
  const options = readServiceOptions(source, prefix, service.options, problems);
  const quota = readQuotaSettings(source, prefix, service, problems);

  if (problems.length > before) return undefined;
  return {
    opencti: { url: url!, token: token!, sslVerify: sslVerify! },
    connector: {
      id: id!.toLowerCase(),
      type: type!,
      name: name!,
      scope: scope!,
      auto: auto!,
      autoUpdate: autoUpdate!,
      onlyContextual: onlyContextual!,
      confidenceLevel,
      updateExistingData: updateExistingData!,
      logLevel: logLevel === 'WARNING' ? 'WARN' : logLevel!,
      listenProtocol: listenProtocol!,
      queueProtocol: queueProtocol!,
    },
    service: {
      name: service.name,
      envPrefix: prefix,
      apiKey,
      maxTlp: maxTlp!,
      baseUrl: baseUrl!,
      replaceWithLowerScore: replaceWithLowerScore!,
      options,
      quota: quota!,
    },
    warnings,
  };
}

import { serviceEnvPrefix } from '../../shared/config/connector-config';
import { optionVariableSuffix } from '../../shared/config/service-options';
import { QUOTA_TABLE_VARIABLE } from '../../shared/pipeline/quota-runtime';
import type { ConnectorSpec } from '../config/types';

/** How the functions and the bridge reach the OpenCTI platform. */
export interface OpenCtiEndpoint {
  readonly url: string;
  readonly sslVerify: boolean;
}

/** Values only known at deploy time (tokens), given by the construct that owns them. */
export interface ConnectorRuntimeValues {
  /** Receives before the DLQ: the function marks work in error on the last one. */
  readonly maxReceives: number;
  /** Name of the quota table every connector counts in (`PIPELINE_QUOTA_TABLE`). @default none: per-instance counting */
  readonly quotaTable?: string;
}

/**
 * The environment of a service function, in the seed connectors' variable names that
 * `shared/config` reads. Secrets are passed by name (`*_SECRET`), never by value.
 */
export function connectorEnvironment(
  spec: ConnectorSpec,
  opencti: OpenCtiEndpoint,
  runtime: ConnectorRuntimeValues,
): Record<string, string> {
  const prefix = serviceEnvPrefix(spec.service);
  const env: Record<string, string> = {
    OPENCTI_URL: opencti.url,
    OPENCTI_TOKEN_SECRET: spec.tokenSecret,
    OPENCTI_SSL_VERIFY: String(opencti.sslVerify),
    CONNECTOR_ID: spec.id,
    CONNECTOR_TYPE: 'INTERNAL_ENRICHMENT',
    CONNECTOR_NAME: spec.name,
    CONNECTOR_SCOPE: spec.scope.join(','),
    CONNECTOR_AUTO: String(spec.auto),
    CONNECTOR_AUTO_UPDATE: String(spec.autoUpdate),
    CONNECTOR_ONLY_CONTEXTUAL: String(spec.onlyContextual),
    CONNECTOR_LOG_LEVEL: spec.logLevel,
    CONNECTOR_QUEUE_PROTOCOL: spec.queueProtocol,
    [`${prefix}_MAX_TLP`]: spec.maxTlp,
    PIPELINE_MAX_RECEIVES: String(runtime.maxReceives),
  };
  if (spec.apiKeySecret) env[`${prefix}_API_KEY_SECRET`] = spec.apiKeySecret;
  if (spec.baseUrl) env[`${prefix}_BASE_URL`] = spec.baseUrl;
  if (runtime.quotaTable) env[QUOTA_TABLE_VARIABLE] = runtime.quotaTable;
  for (const [key, value] of Object.entries(spec.quota)) if (value !== undefined) env[`${prefix}_${optionVariableSuffix(key)}`] = value;
  for (const [key, value] of Object.entries(spec.settings ?? {})) env[`${prefix}_${optionVariableSuffix(key)}`] = value;
  return env;
}

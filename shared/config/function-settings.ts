import { readConnectorConfig, type ConnectorConfig, type ServiceSettingsSpec } from './connector-config';
import { ConfigError, type ConfigProblem } from './errors';
import { readMqSettings, type MqOverrides } from './mq-settings';
import { readPipelineSettings, type PipelineSettings } from './pipeline-settings';
import { envSource } from './settings';

/** Everything an enrichment function reads from its environment. */
export interface FunctionSettings {
  config: ConnectorConfig;
  pipeline: PipelineSettings;
  mq: MqOverrides;
}

/**
 * Reads a function's settings from its environment alone (a Lambda package has no config.yml),
 * except those `given` (already read by the caller): `CONNECTOR_*`, `OPENCTI_*`, the service's,
 * `PIPELINE_*` and `MQ_*`. Throws one {@link ConfigError} naming every bad variable.
 */
export function loadFunctionSettings(
  env: Record<string, string | undefined>,
  service: ServiceSettingsSpec,
  given: Partial<FunctionSettings> = {},
): FunctionSettings {
  const source = envSource(env);
  const problems: ConfigProblem[] = [];
  const config = given.config ?? readConnectorConfig(source, service, problems);
  const pipeline = given.pipeline ?? readPipelineSettings(source, problems);
  const mq = given.mq ?? readMqSettings(source, problems);
  if (!config || !pipeline || problems.length > 0) throw new ConfigError(problems);
  return { config, pipeline, mq };
}

export {
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
export {
  loadConnectorConfig,
  readConnectorConfig,
  serviceEnvPrefix,
  type ConnectorConfig,
  type ServiceSettingsSpec,
} from './connector-config';
export { DEFAULT_CLAIM_CHECK_PREFIX, readClaimCheckBucket, S3_BUCKET_NAME } from './claim-check-settings';
export { ConfigError, type ConfigProblem } from './errors';
export { loadFunctionSettings } from './function-settings';
export { readMqSettings, resolveMqOverrides, type MqOverrides } from './mq-settings';
export {
  loadPipelineSettings,
  PIPELINE_DEFAULTS,
  readPipelineSettings,
  type LocalQueueSettings,
  type PipelineSettings,
} from './pipeline-settings';
export type { ConfigSource } from './raw-value';
export type { SecretRef } from './secret-ref';
export { SecretResolutionError, SecretResolver } from './secrets';
export { envSource, readSetting } from './settings';
export { readYamlFile } from './source';
export {
  booleanOption,
  choiceOption,
  integerOption,
  optionVariableSuffix,
  readServiceOptions,
  scoreOption,
  type ServiceOption,
  type ServiceOptionSpecs,
} from './service-options';
export { readQuotaSettings, type QuotaDefaults, type QuotaExhaustedPolicy, type QuotaSettings } from './quota-settings';

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
export { loadConnectorConfig, serviceEnvPrefix, type ConnectorConfig, type ServiceSettingsSpec } from './connector-config';
export { ConfigError, type ConfigProblem } from './errors';
export type { ConfigSource } from './raw-value';
export type { SecretRef } from './secret-ref';
export { SecretResolutionError, SecretResolver } from './secrets';
export { readYamlFile } from './source';

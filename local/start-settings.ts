import type { ZodType } from 'zod';
import {
  ConfigError,
  envSource,
  httpUrlSetting,
  integerSetting,
  PIPELINE_DEFAULTS,
  readMqSettings,
  readPipelineSettings,
  readSetting,
  stringSetting,
  type ConfigProblem,
  type LocalQueueSettings,
  type MqOverrides,
  type PipelineSettings,
} from '../shared/config';
import type { ServiceDefinition } from '../shared/pipeline/service';
import { loadLocalConnectors, type LocalConnector } from './settings';

/** `npm start`'s settings besides the connectors, read once at start. */
export interface LocalSettings {
  /** `BRIDGE_HEALTH_PORT`, `BRIDGE_HTTP_HOST`, `BRIDGE_CALLBACK_URL`: the bridge's HTTP server. */
  httpPort?: number;
  httpHost?: string;
  callbackBaseUrl?: string;
  /** `LOCAL_STATE_DIR`, `LOCAL_STATS_INTERVAL_MS`. */
  stateDir?: string;
  statsIntervalMs?: number;
  mq: MqOverrides;
  /** `PIPELINE_*`: each connector's queue settings default to these. */
  pipeline: PipelineSettings & LocalQueueSettings;
}

type Env = Record<string, string | undefined>;

/** Everything `npm start` runs with; one {@link ConfigError} names every bad setting. */
export function loadLocalStart(
  env: Env,
  services: readonly ServiceDefinition[],
): { settings: LocalSettings; connectors: LocalConnector[] } {
  const problems: ConfigProblem[] = [];
  const source = envSource(env);
  const read = <T>(variable: string, schema: ZodType<T>, expected: string) => readSetting(source, { variable, schema, expected }, problems);
  const settings: LocalSettings = {
    httpPort: read('BRIDGE_HEALTH_PORT', integerSetting.min(0).max(65535), 'a port number (0 for any free port)'),
    httpHost: read('BRIDGE_HTTP_HOST', stringSetting, 'the interface the health and callback server listens on, e.g. 0.0.0.0'),
    callbackBaseUrl: read('BRIDGE_CALLBACK_URL', httpUrlSetting, 'the http(s) URL the platform reaches /callback at'),
    stateDir: read('LOCAL_STATE_DIR', stringSetting, 'a folder'),
    statsIntervalMs: read('LOCAL_STATS_INTERVAL_MS', integerSetting.min(1), 'a number of milliseconds'),
    mq: readMqSettings(source, problems),
    pipeline: readPipelineSettings(source, problems) ?? PIPELINE_DEFAULTS,
  };
  let connectors: LocalConnector[] = [];
  try {
    connectors = loadLocalConnectors(env, services, settings.pipeline);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { settings, connectors };
}

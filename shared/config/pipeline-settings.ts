import { integerSetting } from './coerce';
import { ConfigError, type ConfigProblem } from './errors';
import type { ConfigSource } from './raw-value';
import { envSource, readSetting } from './settings';

/** The pipeline's own tunables (`PIPELINE_*`), the same in a Lambda function and under `npm start`. */
export interface PipelineSettings {
  /** `PIPELINE_MAX_RECEIVES`: the queue's maxReceiveCount; the last attempt reports the work in error. @default 5 */
  maxReceives: number;
  /** `PIPELINE_RETRY_BASE_SECONDS`: the first retry delay, doubling per attempt. @default 30 */
  retryBaseSeconds: number;
  /** `PIPELINE_RETRY_MAX_SECONDS`: the longest retry delay (a vendor's `Retry-After` may ask for more). @default 900 */
  retryMaxSeconds: number;
  /** `PIPELINE_VENDOR_TIMEOUT_MS`: timeout of each vendor request. @default 10000 */
  vendorTimeoutMs: number;
  /** `PIPELINE_OPENCTI_TIMEOUT_MS`: timeout of each GraphQL request of a function. @default 30000 */
  openctiTimeoutMs: number;
}

/** `npm start` only: what the deployment sets on each queue and event source in AWS. */
export interface LocalQueueSettings {
  /** `PIPELINE_BATCH_SIZE`: records per handler invocation, at most 10 (larger values count as 10). @default 10 */
  batchSize: number;
  /** `PIPELINE_CONCURRENCY`: handler invocations in flight. @default 5 */
  concurrency: number;
  /** `PIPELINE_VISIBILITY_TIMEOUT`: seconds a received message stays hidden. @default 180 */
  visibilityTimeout: number;
}

export const PIPELINE_DEFAULTS: PipelineSettings & LocalQueueSettings = {
  maxReceives: 5,
  retryBaseSeconds: 30,
  retryMaxSeconds: 900,
  vendorTimeoutMs: 10_000,
  openctiTimeoutMs: 30_000,
  batchSize: 10,
  concurrency: 5,
  visibilityTimeout: 180,
};

const between = (min: number, max: number) => integerSetting.min(min).max(max);
const atLeastOne = integerSetting.min(1);

/** Each setting: its variable, its key (under `section` in a YAML file), its schema and what it expects. */
const SPECS = {
  maxReceives: ['PIPELINE_MAX_RECEIVES', 'max_receives', between(1, 1000), "an integer from 1 to 1000 (the queue's maxReceiveCount)"],
  retryBaseSeconds: ['PIPELINE_RETRY_BASE_SECONDS', 'retry_base_seconds', between(1, 43_200), 'a number of seconds from 1 to 43200'],
  retryMaxSeconds: ['PIPELINE_RETRY_MAX_SECONDS', 'retry_max_seconds', between(1, 43_200), 'a number of seconds from 1 to 43200'],
  vendorTimeoutMs: ['PIPELINE_VENDOR_TIMEOUT_MS', 'vendor_timeout_ms', atLeastOne, 'a number of milliseconds, at least 1'],
  openctiTimeoutMs: ['PIPELINE_OPENCTI_TIMEOUT_MS', 'opencti_timeout_ms', atLeastOne, 'a number of milliseconds, at least 1'],
  batchSize: ['PIPELINE_BATCH_SIZE', 'batch_size', atLeastOne.transform((n) => Math.min(10, n)), 'an integer from 1 to 10'],
  concurrency: ['PIPELINE_CONCURRENCY', 'concurrency', atLeastOne, 'an integer, at least 1'],
  visibilityTimeout: ['PIPELINE_VISIBILITY_TIMEOUT', 'visibility_timeout', between(1, 43_200), 'a number of seconds from 1 to 43200'],
} as const;

type Settings = PipelineSettings & LocalQueueSettings;

/**
 * Reads `PIPELINE_*` from `source` (from its YAML as `<section>.max_receives`, ... when a
 * `section` is given, else from the environment only), recording a problem for each bad value. Unset settings (and those not in `only`) take
 * `defaults`, so per-connector values can be read over the environment's. Returns undefined when
 * a value was bad.
 */
export function readPipelineSettings(
  source: ConfigSource,
  problems: ConfigProblem[],
  options: { section?: string; defaults?: Settings; only?: ReadonlyArray<keyof Settings> } = {},
): Settings | undefined {
  const { section, defaults = PIPELINE_DEFAULTS, only = Object.keys(SPECS) as Array<keyof Settings> } = options;
  const before = problems.length;
  const settings = { ...defaults };
  for (const name of only) {
    const [variable, key, schema, expected] = SPECS[name];
    const path = section === undefined ? undefined : `${section}.${key}`;
    const value = readSetting(source, { variable, path, schema, expected, default: defaults[name] }, problems);
    if (value !== undefined) settings[name] = value;
  }
  return problems.length > before ? undefined : settings;
}

/** `PIPELINE_*` from the environment: throws one {@link ConfigError} naming every bad variable. */
export function loadPipelineSettings(env: Record<string, string | undefined>): Settings {
  const problems: ConfigProblem[] = [];
  const settings = readPipelineSettings(envSource(env), problems);
  if (!settings) throw new ConfigError(problems);
  return settings;
}

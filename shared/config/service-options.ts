import type { z } from 'zod';
import { booleanSetting, integerSetting, lowerEnum } from './coerce';
import type { ConfigProblem } from './errors';
import type { ConfigSource } from './raw-value';
import { readSetting } from './settings';

/** One setting of a service's own (a Python connector's `VIRUSTOTAL_URL_UPLOAD_UNSEEN`, say). */
export interface ServiceOption<T> {
  /** Parses the raw value (a string from the environment, or a YAML value). */
  schema: z.ZodType<T>;
  /** What a good value looks like, for the error that names the variable. */
  expected: string;
  /** The value when the setting is absent. */
  default: T;
}

/** The options a service declares, one {@link ServiceOption} per key of its parsed options. */
export type ServiceOptionSpecs<Options> = { readonly [K in keyof Options]: ServiceOption<Options[K]> };

/** A `true`/`false` option (also `yes`/`no`, `1`/`0`). */
export const booleanOption = (defaultValue: boolean): ServiceOption<boolean> => ({
  schema: booleanSetting,
  expected: 'true or false',
  default: defaultValue,
});

/** A whole number option, at least `min`. */
export const integerOption = (defaultValue: number, min = 0): ServiceOption<number> => ({
  schema: integerSetting.min(min),
  expected: `a whole number of at least ${min}`,
  default: defaultValue,
});

/** An OpenCTI score, a whole number from 0 to 100; without a default it stays unset unless given. */
export function scoreOption(defaultValue: number): ServiceOption<number>;
export function scoreOption(): ServiceOption<number | undefined>;
export function scoreOption(defaultValue?: number): ServiceOption<number | undefined> {
  return { schema: integerSetting.min(0).max(100), expected: 'a whole number from 0 to 100', default: defaultValue };
}

/** One of a few words (any case accepted), such as a key type. */
export const choiceOption = <const T extends string>(values: readonly [T, ...T[]], defaultValue: T): ServiceOption<T> => ({
  schema: lowerEnum(values) as z.ZodType<T>,
  expected: `one of ${values.join(', ')}`,
  default: defaultValue,
});

/** `ipAddRelationships` → `IP_ADD_RELATIONSHIPS`: the variable suffix of an option key. */
export const optionVariableSuffix = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/**
 * Reads a service's options as `<PREFIX>_<KEY>` variables (or `<prefix>.<key>` in config.yml,
 * snake case), recording a problem naming the variable for each bad value.
 */
export function readServiceOptions(
  source: ConfigSource,
  prefix: string,
  specs: Readonly<Record<string, ServiceOption<unknown>>> | undefined,
  problems: ConfigProblem[],
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs ?? {})) {
    const suffix = optionVariableSuffix(key);
    options[key] = readSetting(
      source,
      { variable: `${prefix}_${suffix}`, path: `${prefix.toLowerCase()}.${suffix.toLowerCase()}`, ...spec },
      problems,
    );
  }
  return options;
}

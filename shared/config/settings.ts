import type { z } from 'zod';
import type { ConfigProblem } from './errors';
import { rawValue, type ConfigSource } from './raw-value';

/** One setting: its variable, its config.yml path, how it parses, what it expects, its default. */
export interface SettingSpec<T> {
  variable: string;
  /** `section.key` in config.yml; none for a setting read from the environment only. */
  path?: string;
  schema: z.ZodType<T>;
  expected: string;
  default?: T;
  required?: boolean;
  /** Never echo the given value in an error. */
  secret?: boolean;
}

/**
 * Reads one setting, recording a problem (not throwing) so a start-up can report every bad
 * setting at once.
 */
export function readSetting<T>(source: ConfigSource, spec: SettingSpec<T>, problems: ConfigProblem[]): T | undefined {
  const raw = rawValue(source, spec.variable, spec.path);
  if (raw === undefined) {
    if (spec.required && spec.default === undefined)
      problems.push({ variable: spec.variable, path: spec.path, expected: `is required: ${spec.expected}` });
    return spec.default;
  }
  const parsed = spec.schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // A refinement that says itself what is wrong, without the value (a URL with a password, say).
  const custom = parsed.error.issues.find((issue) => issue.code === 'custom' && issue.params?.ownMessage === true);
  if (custom) {
    problems.push({ variable: spec.variable, path: spec.path, expected: custom.message });
    return undefined;
  }
  const shown = spec.secret ? '' : `, got ${JSON.stringify(raw)}`;
  problems.push({ variable: spec.variable, path: spec.path, expected: `expected ${spec.expected}${shown}` });
  return undefined;
}

/** Reads settings from the environment only (no config.yml): the bridge, the functions, `npm start`'s own. */
export const envSource = (env: Record<string, string | undefined>): ConfigSource => ({ env, yaml: {} });

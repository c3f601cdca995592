import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ConfigSource } from './raw-value';

/** Reads a YAML config file; a missing file is an empty config, an unreadable one an error naming the file. */
export function readYamlFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${path} must hold a mapping of sections (opencti:, connector:, ...)`);
  return parsed as Record<string, unknown>;
}

/** The process environment plus `config.yml` in the working directory (or `CONFIG_FILE`). */
export function defaultSource(env: Record<string, string | undefined> = process.env): ConfigSource {
  return { env, yaml: readYamlFile(env.CONFIG_FILE || 'config.yml') };
}

/** Where settings come from: the environment, then a parsed `config.yml` (`section.key`, two levels). */
export interface ConfigSource {
  env: Record<string, string | undefined>;
  yaml: Record<string, unknown>;
}

/**
 * The raw value of one setting: the environment variable when set and not empty, else the
 * `section.key` value of config.yml (for a setting that has a `path`), else undefined (the caller
 * applies the default).
 */
export function rawValue(source: ConfigSource, variable: string, path?: string): unknown {
  const fromEnv = source.env[variable];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (path === undefined) return undefined;
  const [section, key] = path.split('.') as [string, string];
  const sectionValue = source.yaml[section];
  if (sectionValue && typeof sectionValue === 'object') {
    const value = (sectionValue as Record<string, unknown>)[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

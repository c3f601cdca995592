import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from './errors';

/** Reads a YAML config file; a missing file is an empty config, an unreadable one an error naming the file. */
export function readYamlFile(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    // The parser's first line says where; the lines after it quote the file, which may hold a token.
    const where = (error as Error).message.split('\n')[0]!.replace(/:$/, '');
    throw new ConfigError([{ variable: path, expected: `expected valid YAML: ${where}` }], { cause: error });
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError([{ variable: path, expected: 'expected a mapping of sections (opencti:, connector:, ...)' }]);
  return parsed as Record<string, unknown>;
}

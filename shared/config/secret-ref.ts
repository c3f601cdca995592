import * as z from 'zod';
import type { ConfigProblem } from './errors';
import { rawValue, type ConfigSource } from './raw-value';

/** A secret given inline, or by the name or ARN of an AWS Secrets Manager secret. */
export type SecretRef = { kind: 'value'; setting: string; value: string } | { kind: 'secrets-manager'; setting: string; secretId: string };

const nonEmpty = z.string().trim().min(1);
const anyCharacters = z.string().min(1);

/**
 * Reads a secret setting from `<VARIABLE>` (inline) or `<VARIABLE>_SECRET` (Secrets Manager name
 * or ARN). Giving both, or neither when required, is a problem that names both variables.
 * `path` is its config.yml key, if it has one; `verbatim` keeps an inline value's outer spaces
 * (a password may have some).
 */
export function readSecretRef(
  source: ConfigSource,
  variable: string,
  path: string | undefined,
  options: { required: boolean; expected: string; rejectValues?: string[]; verbatim?: boolean },
  problems: ConfigProblem[],
): SecretRef | undefined {
  const inline = rawValue(source, variable, path);
  const secretPath = path === undefined ? undefined : `${path}_secret`;
  const secretId = rawValue(source, `${variable}_SECRET`, secretPath);
  if (inline !== undefined && secretId !== undefined) {
    problems.push({ variable, path, expected: `set either ${variable} or ${variable}_SECRET, not both` });
    return undefined;
  }
  if (secretId !== undefined) {
    const parsed = nonEmpty.safeParse(secretId);
    if (parsed.success) return { kind: 'secrets-manager', setting: `${variable}_SECRET`, secretId: parsed.data };
    problems.push({
      variable: `${variable}_SECRET`,
      path: secretPath,
      expected: 'expected the name or ARN of a Secrets Manager secret',
    });
    return undefined;
  }
  if (inline === undefined) {
    if (options.required) problems.push({ variable, path, expected: `is required (or ${variable}_SECRET): ${options.expected}` });
    return undefined;
  }
  const parsed = (options.verbatim ? anyCharacters : nonEmpty).safeParse(typeof inline === 'number' ? String(inline) : inline);
  if (!parsed.success || options.rejectValues?.includes(parsed.data)) {
    problems.push({ variable, path, expected: `expected ${options.expected}` });
    return undefined;
  }
  return { kind: 'value', setting: variable, value: parsed.data };
}

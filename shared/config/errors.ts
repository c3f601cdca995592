/** One bad or missing setting: the variable (and its config.yml path) and what it expects. */
export interface ConfigProblem {
  variable: string;
  path?: string;
  expected: string;
}

/**
 * A configuration that cannot start, the base of the configuration's errors: lists every bad
 * setting in one message, never a secret value.
 */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';
  constructor(
    readonly problems: readonly ConfigProblem[],
    options?: ErrorOptions,
  ) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.variable}${p.path ? ` (config.yml: ${p.path})` : ''}: ${p.expected}`).join('\n'),
      options,
    );
  }
}

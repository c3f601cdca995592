/** A deployment configuration synth cannot use: names where it came from and every problem in it. */
export class DeploymentConfigError extends Error {
  override readonly name = 'DeploymentConfigError';

  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid deployment configuration in ${source} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}

import { join, resolve } from 'node:path';

/** The repository root: holds `package.json`, `package-lock.json`, `functions/` and `cdk.json`. */
export const REPO_ROOT = resolve(__dirname, '..');

/** Where the app's source lives; tests point `functionsDir` at fixtures. */
export interface SourceLayout {
  /**
   * Directory with `package.json` and `package-lock.json`; esbuild bundles from here and the
   * bridge image is built with it as the Docker build context.
   * @default the repository root
   */
  readonly projectRoot: string;
  /**
   * Directory with one folder per service (`<service>/handler.ts`) and `bridge/` (`Dockerfile`,
   * `callback-handler.ts`, `heartbeat-handler.ts`).
   * @default `<projectRoot>/functions`
   */
  readonly functionsDir: string;
}

/** The layout of this repository. */
export const defaultLayout = (projectRoot: string = REPO_ROOT): SourceLayout => ({
  projectRoot,
  functionsDir: join(projectRoot, 'functions'),
});

/** A file the app builds from is missing: names the file and what needs it. */
export class MissingSourceError extends Error {
  override readonly name = 'MissingSourceError';
}

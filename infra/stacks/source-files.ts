import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DeploymentConfig } from '../config/types';
import { MissingSourceError, type SourceLayout } from '../paths';

/** The files a deployment builds from, all checked to exist before anything is bundled. */
export interface SourceFiles {
  /** `functions/<service>/handler.ts` by service. */
  readonly handlers: ReadonlyMap<string, string>;
  /** `functions/bridge/Dockerfile` (ingress: bridge). */
  readonly dockerfile?: string;
  /** `functions/bridge/callback-handler.ts` (ingress: callback). */
  readonly callbackHandler?: string;
  /** `functions/bridge/heartbeat-handler.ts` (ingress: callback). */
  readonly heartbeatHandler?: string;
}

/** Finds the entry files and the Dockerfile the configuration needs; one error names every missing file. */
export function findSourceFiles(config: DeploymentConfig, layout: SourceLayout): SourceFiles {
  const missing: string[] = [];
  const file = (path: string, why: string): string => {
    const full = join(layout.functionsDir, path);
    if (!existsSync(full)) missing.push(`  - ${relative(layout.projectRoot, full)}: ${why}`);
    return full;
  };
  const handlers = new Map(
    config.connectors.map((c) => [c.service, file(`${c.service}/handler.ts`, `connector "${c.name}" runs its exported handler`)] as const),
  );
  const files: SourceFiles =
    config.ingress === 'bridge'
      ? { handlers, dockerfile: file('bridge/Dockerfile', 'the bridge image is built from it (ingress: bridge)') }
      : {
          handlers,
          callbackHandler: file('bridge/callback-handler.ts', 'callback mode runs its exported handler (ingress: callback)'),
          heartbeatHandler: file('bridge/heartbeat-handler.ts', 'callback mode runs its exported handler (ingress: callback)'),
        };
  if (missing.length > 0) throw new MissingSourceError(`Files the deployment builds from are missing:\n${missing.join('\n')}`);
  return files;
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { SERVICES } from '../../functions/services';
import { esbuildOptions } from '../../infra/bundling';
import type { DeploymentConfig } from '../../infra/config/types';
import { defaultLayout, REPO_ROOT } from '../../infra/paths';
import { findSourceFiles } from '../../infra/stacks/source-files';

export interface BundleFigure {
  name: string;
  /** JavaScript the function ships: `index.mjs` and its chunks (source maps left out: read only to print an error). */
  bytes: number;
  /** Of which in chunks only `CONNECTOR_QUEUE_PROTOCOL=amqp` loads (amqplib). */
  amqpOnlyBytes: number;
  /** Minimum over the runs of a cold `import()` of `index.mjs` in a fresh Node process. */
  coldImportMs: number;
  /** The same, followed by every chunk but the amqp-only ones: what a first invocation has loaded. */
  coldLoadAllMs: number;
  /** CPU time (user + system) of the same two, minimum over the runs: steadier than wall time on a busy machine. */
  coldImportCpuMs: number;
  coldLoadAllCpuMs: number;
}

/** Every function the CDK app deploys, with the entry file infra builds it from. */
export function deployedFunctions(): Array<{ name: string; entry: string }> {
  // A callback-ingress deployment of every service: the one that deploys the most functions.
  const config = {
    ingress: 'callback',
    connectors: SERVICES.map((s) => ({ service: s.name, name: s.name })),
  } as unknown as DeploymentConfig;
  const files = findSourceFiles(config, defaultLayout());
  return [
    ...[...files.handlers].map(([name, entry]) => ({ name, entry })),
    { name: 'bridge-callback', entry: files.callbackHandler! },
    { name: 'bridge-heartbeat', entry: files.heartbeatHandler! },
  ];
}

export interface BundleBenchOptions {
  /** Cold imports per bundle; the minimum is reported. @default 5 */
  runs?: number;
  /** Replaces the deployed externals, e.g. `[]` to measure with the AWS SDK bundled. @default as deployed */
  external?: string[];
}

/**
 * Bundles each function with the deployed esbuild settings (infra/bundling.ts) and times cold
 * imports of the result in fresh Node processes.
 */
export function benchBundles(functions: Array<{ name: string; entry: string }>, options: BundleBenchOptions = {}): BundleFigure[] {
  // Inside the project, so a bundle's external `@aws-sdk/*` imports resolve as the Lambda runtime provides them.
  const out = join(REPO_ROOT, 'bench-results', 'bundles');
  mkdirSync(out, { recursive: true });
  try {
    return functions.map(({ name, entry }) => {
      const dir = join(out, name);
      const build = buildSync({
        ...esbuildOptions(entry, dir),
        ...(options.external ? { external: options.external } : {}),
        absWorkingDir: REPO_ROOT,
        metafile: true,
        logLevel: 'error',
      });
      const chunks = Object.entries(build.metafile.outputs)
        .filter(([file]) => file.endsWith('.mjs'))
        .map(([file, output]) => ({
          file: join(REPO_ROOT, file),
          bytes: output.bytes,
          amqpOnly: Object.keys(output.inputs).some((input) => input.includes('node_modules/amqplib/')),
        }));
      const index = join(dir, 'index.mjs');
      const loaded = [index, ...chunks.filter((c) => !c.amqpOnly && c.file !== index).map((c) => c.file)];
      const alone = coldImport([index], options.runs ?? 5);
      const all = coldImport(loaded, options.runs ?? 5);
      return {
        name,
        bytes: chunks.reduce((sum, c) => sum + c.bytes, 0),
        amqpOnlyBytes: chunks.filter((c) => c.amqpOnly).reduce((sum, c) => sum + c.bytes, 0),
        coldImportMs: alone.wallMs,
        coldLoadAllMs: all.wallMs,
        coldImportCpuMs: alone.cpuMs,
        coldLoadAllCpuMs: all.cpuMs,
      };
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Minimum wall and CPU time, over fresh Node processes, to import the files in order. */
function coldImport(files: string[], runs: number): { wallMs: number; cpuMs: number } {
  const script = [
    'const c = process.cpuUsage(); const t = performance.now();',
    `for (const f of ${JSON.stringify(files)}) await import(f);`,
    'const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000);',
  ].join(' ');
  const times = Array.from({ length: runs }, () =>
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      env: { ...process.env, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    })
      .toString()
      .trim()
      .split(' ')
      .map(Number),
  );
  const min = (i: number) => Math.round(Math.min(...times.map((t) => t[i]!)) * 10) / 10;
  return { wallMs: min(0), cpuMs: min(1) };
}

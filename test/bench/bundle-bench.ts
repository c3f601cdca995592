import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { SERVICES } from '../../functions/services';
import { esbuildOptions } from '../../infra/bundling';
import type { DeploymentConfig } from '../../infra/config/types';
import { defaultLayout, REPO_ROOT } from '../../infra/paths';
import { findSourceFiles } from '../../infra/stacks/source-files';
import { chunksHolding, indexOf, staticClosure } from '../helpers/bundle-outputs';

export interface BundleFigure {
  name: string;
  /** JavaScript the function ships: `index.mjs` and every chunk (source maps left out: read only to print an error). */
  bytes: number;
  /** Of which loaded by importing `index.mjs` (its static imports). */
  atImportBytes: number;
  /** Of which loaded once the first record has built the runtime wiring (shared/pipeline/runtime.ts and its static imports). */
  firstInvocationBytes: number;
  /** Minimum over the runs of a cold `import()` of `index.mjs` in a fresh Node process: wall and CPU time. */
  coldImportMs: number;
  coldImportCpuMs: number;
  /** The same, then the runtime wiring's chunk: the code a first invocation has loaded. */
  coldLoadMs: number;
  coldLoadCpuMs: number;
  /**
   * Shipped code a first invocation loads as deployed by default (the token in Secrets Manager, the
   * quota table set): `firstInvocationBytes` plus the chunks of the Secrets Manager client (when
   * bundled) and of the DynamoDB quota store, with their static imports. An external SDK is not counted.
   */
  deployedByDefaultBytes: number;
  /** The same again, then those chunks, or the external `@aws-sdk/*` packages they are: a first invocation as deployed by default. */
  coldDeployedMs: number;
  coldDeployedCpuMs: number;
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
  /** Build as for a connector with `queueProtocol: amqp` (amqplib in a chunk of its own). @default false: the default, `api` */
  amqp?: boolean;
}

/**
 * Bundles each function with the deployed esbuild settings (infra/bundling.ts; a connector as
 * deployed by default, `queueProtocol: api`) and times cold imports of the result in fresh Node processes.
 */
export function benchBundles(functions: Array<{ name: string; entry: string }>, options: BundleBenchOptions = {}): BundleFigure[] {
  // Inside the project, so a bundle's external `@aws-sdk/*` imports resolve as the Lambda runtime provides them.
  const out = join(REPO_ROOT, 'bench-results', 'bundles');
  mkdirSync(out, { recursive: true });
  try {
    return functions.map(({ name, entry }) => {
      const dir = join(out, name);
      const build = buildSync({
        ...esbuildOptions(entry, dir, { amqp: options.amqp ?? false }),
        ...(options.external ? { external: options.external } : {}),
        absWorkingDir: REPO_ROOT,
        metafile: true,
        logLevel: 'error',
      });
      const outputs = build.metafile.outputs;
      const code = Object.keys(outputs).filter((file) => file.endsWith('.mjs'));
      const index = indexOf(outputs);
      const atImport = staticClosure(outputs, [index]);
      const wiring = chunksHolding(outputs, RUNTIME_WIRING);
      const firstInvocation = staticClosure(outputs, [index, ...wiring]);
      const byDefault = DEPLOYED_BY_DEFAULT.filter((module) => wiring.length > 0 || !module.pipelineOnly).flatMap((module) =>
        loadedFor(outputs, module),
      );
      const byDefaultChunks = byDefault.filter((file) => file in outputs);
      const size = (files: string[]) => files.reduce((sum, file) => sum + outputs[file]!.bytes, 0);
      const runs = options.runs ?? 5;
      const inRepo = (file: string) => (file in outputs ? join(REPO_ROOT, file) : file);
      const alone = coldImport([join(REPO_ROOT, index)], runs);
      const loaded = coldImport([index, ...wiring].map(inRepo), runs);
      const deployed = coldImport([index, ...wiring, ...byDefault].map(inRepo), runs);
      return {
        name,
        bytes: size(code),
        atImportBytes: size(atImport),
        firstInvocationBytes: size(firstInvocation),
        coldImportMs: alone.wallMs,
        coldImportCpuMs: alone.cpuMs,
        coldLoadMs: loaded.wallMs,
        coldLoadCpuMs: loaded.cpuMs,
        deployedByDefaultBytes: size(staticClosure(outputs, [index, ...wiring, ...byDefaultChunks])),
        coldDeployedMs: deployed.wallMs,
        coldDeployedCpuMs: deployed.cpuMs,
      };
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The module the handler imports on its first invocation (createSqsHandler's default dependencies). */
const RUNTIME_WIRING = 'shared/pipeline/runtime.ts';

/**
 * What a first invocation imports dynamically in a default deployment, beyond the runtime wiring:
 * the Secrets Manager client (the token is a secret reference) and the DynamoDB quota store (the
 * quota table is set), the latter importing the DynamoDB client statically. Each is found as the
 * output chunk holding `input`, or, when no chunk does, as the external package the bundle imports
 * (resolved from node_modules, as the Lambda runtime resolves its own copy).
 */
const DEPLOYED_BY_DEFAULT: DeployedByDefault[] = [
  { input: 'node_modules/@aws-sdk/client-secrets-manager/', external: '@aws-sdk/client-secrets-manager' },
  // Counted by the enrichment pipeline only: the bridge functions (no runtime wiring) have no quota.
  { input: 'shared/quota/dynamo-quota-store.ts', pipelineOnly: true },
];

interface DeployedByDefault {
  /** A path fragment of the module in the metafile's inputs. */
  input: string;
  /** The package the bundle imports instead when the module is left out (`@aws-sdk/*`). */
  external?: string;
  /** Loaded only by the runtime wiring (shared/pipeline/runtime.ts). */
  pipelineOnly?: boolean;
}

/** The output chunks holding `input`, or its external package; throws when the bundle has neither (a renamed module). */
function loadedFor(outputs: Metafile['outputs'], module: DeployedByDefault): string[] {
  const chunks = Object.keys(outputs).filter(
    (file) => file.endsWith('.mjs') && Object.keys(outputs[file]!.inputs).some((input) => input.includes(module.input)),
  );
  if (chunks.length > 0) return chunks;
  const imported = Object.values(outputs).some((o) => o.imports.some((i) => i.external && i.path === module.external));
  if (module.external && imported) return [module.external];
  throw new Error(`no output holds ${module.input}${module.external ? ` nor imports ${module.external}` : ''}: update DEPLOYED_BY_DEFAULT`);
}

/** Minimum wall and CPU time, over fresh Node processes, to import the files (or packages, from node_modules) in order. */
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

import { join } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import { DockerImage, type BundlingOptions, type ILocalBundling } from 'aws-cdk-lib';

/** ESM has no `require`; bundled CommonJS dependencies still call it. */
export const CREATE_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Nothing is left to the runtime: the AWS SDK is bundled. With the Lambda Node.js 22 runtime's copy
 * a function ships 520 KB instead of 1,150 KB, but the code a first invocation loads costs 2.1 times
 * the instructions (the runtime's CommonJS clients are loaded whole), and the SDK's versions would be
 * the runtime's rather than the lock file's. Figures in docs/architecture.md, "Performance".
 */
export const EXTERNAL: string[] = [];

/**
 * Packages replaced in every bundle by a few lines (infra/bundle-shims/): axios imports them for
 * features the functions never use, and they weigh more than axios itself.
 * - `form-data` (with mime-types and mime-db, about 160 KiB): Node's own FormData builds the body.
 * - `follow-redirects`: vendor HTTP never follows a redirect (`maxRedirects: 0`).
 */
export const ALIAS: Record<string, string> = {
  'form-data': join(__dirname, 'bundle-shims', 'form-data.mjs'),
  'follow-redirects': join(__dirname, 'bundle-shims', 'follow-redirects.mjs'),
};

/**
 * How every function is built, for the CDK construct ({@link localBundling}) and the bench alike:
 * `<outdir>/index.mjs` (the handler) plus chunks. Code splitting puts what is only imported
 * dynamically (amqplib for `CONNECTOR_QUEUE_PROTOCOL=amqp`, the S3 client for claim checks, the
 * runtime wiring built on the first invocation, the SDK's credential providers) in chunks of their
 * own, read only when needed.
 */
export function esbuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [{ in: entry, out: 'index' }],
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    target: 'node22',
    platform: 'node',
    mainFields: ['module', 'main'],
    banner: { js: CREATE_REQUIRE_BANNER },
    minify: true,
    keepNames: true,
    sourcemap: true,
    sourcesContent: false,
    external: EXTERNAL,
    alias: ALIAS,
    logLevel: 'warning',
  };
}

/**
 * Asset bundling that runs esbuild in this process with {@link esbuildOptions}. The image is never
 * used: local bundling always succeeds or throws, and esbuild is a dependency of the app.
 */
export function localBundling(entry: string): BundlingOptions {
  return { image: DockerImage.fromRegistry('esbuild-runs-locally'), local: new LocalEsbuild(entry) };
}

/**
 * esbuild as CDK's local bundler. The entry is a field, not only captured by `tryBundle`: CDK keys
 * its cache of staged assets on the JSON of the bundling options (functions drop out of JSON), so
 * with a bare `{ tryBundle }` every function of an app, all bundled from the same project root,
 * got the first one's bundle.
 */
class LocalEsbuild implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    buildSync(esbuildOptions(this.entry, outputDir));
    return true;
  }
}

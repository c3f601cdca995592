import { join } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';
import { DockerImage, type BundlingOptions, type ILocalBundling } from 'aws-cdk-lib';

/** ESM has no `require`; bundled CommonJS dependencies still call it. */
export const CREATE_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * The AWS SDK v3 is left to the Lambda runtime: Node.js 18 and later runtimes carry it and resolve
 * an ESM import of it through NODE_PATH (CDK's own NodejsFunction leaves `@aws-sdk/*` out for them
 * by default). Measured with test/bench/bundle-figures.ts, an enrichment function then ships
 * 386–407 KiB instead of 1,027–1,048 KiB (the 500 KB target), with the same cold import. The price
 * is the first invocation: the runtime's CommonJS clients are loaded whole, where a bundle keeps
 * what is used. So every client is imported when first needed (Secrets Manager for a secret,
 * DynamoDB for the quota table, SQS for a retry, S3 for a claim check), and a function deployed by
 * default (token in Secrets Manager, quota table set) has loaded its first invocation's code in
 * 133–140 ms against 81–90 ms bundled, once per container. The SDK's version is then AWS's, not
 * the lock file's; the functions call only long-stable commands (docs/architecture.md, "Performance").
 */
export const EXTERNAL: string[] = ['@aws-sdk/*'];

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

/** Where amqplib's stand-in lives: see {@link FunctionBundleOptions.amqp}. */
export const AMQPLIB_SHIM = join(__dirname, 'bundle-shims', 'amqplib.mjs');

export interface FunctionBundleOptions {
  /**
   * Whether the function may publish over AMQP (its connector's `queueProtocol: amqp`): amqplib is
   * then bundled, in a chunk of its own that only `CONNECTOR_QUEUE_PROTOCOL=amqp` loads. Otherwise
   * `amqplib` is replaced by a shim (infra/bundle-shims/amqplib.mjs) whose `connect` fails naming
   * `queueProtocol`. The bridge functions import no amqplib at all: either value builds them alike.
   */
  amqp: boolean;
}

/**
 * How every function is built, for the CDK construct ({@link localBundling}) and the bench alike:
 * `<outdir>/index.mjs` (the handler) plus chunks. Code splitting puts what is only imported
 * dynamically (amqplib for `CONNECTOR_QUEUE_PROTOCOL=amqp`, the runtime wiring built on the first
 * invocation, the quota table's store, the shims) in chunks of their own, read only when needed.
 */
export function esbuildOptions(entry: string, outdir: string, { amqp }: FunctionBundleOptions): BuildOptions {
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
    alias: amqp ? ALIAS : { ...ALIAS, amqplib: AMQPLIB_SHIM },
    logLevel: 'warning',
  };
}

/**
 * Asset bundling that runs esbuild in this process with {@link esbuildOptions}. The image is never
 * used: local bundling always succeeds or throws, and esbuild is a dependency of the app.
 */
export function localBundling(entry: string, options: FunctionBundleOptions): BundlingOptions {
  return { image: DockerImage.fromRegistry('esbuild-runs-locally'), local: new LocalEsbuild(entry, options) };
}

/**
 * esbuild as CDK's local bundler. The entry and options are fields, not only captured by
 * `tryBundle`: CDK keys its cache of staged assets on the JSON of the bundling options (functions
 * drop out of JSON), so with a bare `{ tryBundle }` every function of an app, all bundled from the
 * same project root, got the first one's bundle.
 */
class LocalEsbuild implements ILocalBundling {
  constructor(
    readonly entry: string,
    readonly options: FunctionBundleOptions,
  ) {}

  tryBundle(outputDir: string): boolean {
    buildSync(esbuildOptions(this.entry, outputDir, this.options));
    return true;
  }
}

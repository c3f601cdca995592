import { buildSync, type BuildOptions } from 'esbuild';
import { DockerImage, type BundlingOptions } from 'aws-cdk-lib';

/** ESM has no `require`; bundled CommonJS dependencies still call it. */
export const CREATE_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Nothing is left to the runtime: the AWS SDK is bundled, so its versions are the lock file's, and a
 * first invocation costs about 30% less CPU than with the runtime's copy (figures in
 * docs/architecture.md, "Bundles").
 */
export const EXTERNAL: string[] = [];

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
    logLevel: 'warning',
  };
}

/**
 * Asset bundling that runs esbuild in this process with {@link esbuildOptions}. The image is never
 * used: local bundling always succeeds or throws, and esbuild is a dependency of the app.
 */
export function localBundling(entry: string): BundlingOptions {
  return {
    image: DockerImage.fromRegistry('esbuild-runs-locally'),
    local: {
      tryBundle(outputDir: string): boolean {
        buildSync(esbuildOptions(entry, outputDir));
        return true;
      },
    },
  };
}

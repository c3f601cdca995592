import { buildSync, type BuildOptions } from 'esbuild';
import { DockerImage, type BundlingOptions } from 'aws-cdk-lib';

/** ESM has no `require`; bundled CommonJS dependencies still call it. */
export const CREATE_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * Left to the Lambda Node.js 22 runtime, which provides the AWS SDK v3: bundling it would add about
 * 570 KiB per function (figures in docs/architecture.md, "Bundles").
 */
export const RUNTIME_PROVIDED = ['@aws-sdk/*'];

/**
 * How every function is built, for the CDK construct ({@link localBundling}) and the bench alike:
 * `<outdir>/index.mjs` (the handler) plus chunks. Code splitting puts what is only imported
 * dynamically (amqplib for `CONNECTOR_QUEUE_PROTOCOL=amqp`, the runtime wiring loaded on the first
 * invocation) in chunks of its own, loaded when needed.
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
    external: RUNTIME_PROVIDED,
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

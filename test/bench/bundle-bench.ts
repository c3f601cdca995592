import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

export interface BundleFigure {
  name: string;
  bytes: number;
  coldImportMs: number;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Bundles each function's handler as the CDK app does (ESM, Node 22, minified, AWS SDK left to the
 * runtime) and times a cold `import()` of the bundle in a fresh Node process.
 */
export function benchBundles(functionNames: string[]): BundleFigure[] {
  // Inside the project, so a bundle's `@aws-sdk/*` imports resolve as the Lambda runtime provides them.
  const out = join(ROOT, 'bench-results', 'bundles');
  mkdirSync(out, { recursive: true });
  try {
    return functionNames.map((name) => {
      const entry = name === 'bridge-callback' ? 'functions/bridge/callback-handler.ts' : `functions/${name}/handler.ts`;
      const outfile = join(out, `${name}.mjs`);
      buildSync({
        entryPoints: [join(ROOT, entry)],
        bundle: true,
        platform: 'node',
        target: 'node22',
        format: 'esm',
        minify: true,
        outfile,
        external: ['@aws-sdk/*'],
        banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
        logLevel: 'error',
      });
      const script = `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log((performance.now() - t).toFixed(1));`;
      const runs = [0, 1, 2].map(() =>
        Number(
          execFileSync(process.execPath, ['--input-type=module', '-e', script], {
            cwd: ROOT,
            env: { ...process.env, AWS_REGION: 'us-east-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
          })
            .toString()
            .trim(),
        ),
      );
      return { name, bytes: statSync(outfile).size, coldImportMs: Math.min(...runs) };
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

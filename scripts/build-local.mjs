// Builds `npm start`'s program to JavaScript: dist/local/main.js (and dist/local/redrive.js), run
// with plain `node`, so signals reach the product itself (no tsx CLI in between).
// Dependencies stay in node_modules (the container image installs them with --omit=dev); only the
// project's TypeScript is bundled, with the ESM-only middy, which a CommonJS file cannot require on
// every Node version the project supports.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BUNDLED = new Set(['@middy/core']);
const external = Object.keys(dependencies).filter((name) => !BUNDLED.has(name));

await build({
  absWorkingDir: root,
  entryPoints: { main: 'local/main.ts', redrive: 'local/redrive.ts' },
  outdir: 'dist/local',
  bundle: true,
  external: external.flatMap((name) => [name, `${name}/*`]),
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
});

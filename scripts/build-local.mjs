// Builds `npm start`'s program to JavaScript: dist/local/main.js (and dist/local/redrive.js), run
// with plain `node`, so signals reach the product itself (no tsx CLI in between).
// Dependencies stay in node_modules; only the project's TypeScript is bundled.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: root,
  entryPoints: { main: 'local/main.ts', redrive: 'local/redrive.ts' },
  outdir: 'dist/local',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
});

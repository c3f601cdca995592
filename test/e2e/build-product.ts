import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Jest global setup of the integration suites: builds `dist/local/` once per run, as `npm start` does. */
export default function buildProduct(): void {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build-local.mjs')], { stdio: 'inherit' });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export { freePort } from '../../local/free-port';

/** What `npm start` runs, built by the integration suites' global setup (test/e2e/build-product.ts) and by `npm run bench`. */
export const PRODUCT_MAIN = join(ROOT, 'dist', 'local', 'main.js');

/** The Node.js options `npm start` gives the product (`node <options> dist/local/main.js` in package.json). */
export function startNodeOptions(): string[] {
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const command = /node ((?:--[\w-]+(?:=\S+)? )*)dist\/local\/main\.js/.exec(start);
  if (!command) throw new Error(`package.json's start script does not run node dist/local/main.js: ${start}`);
  return command[1]!.trim().split(/\s+/).filter(Boolean);
}

/**
 * The product started as `npm start` starts it (`node dist/local/main.js`), in its own process
 * group, with its output collected.
 */
export class ProductProcess {
  output = '';
  #child?: ChildProcess;
  #exit?: Promise<number | null>;

  constructor(private readonly env: Record<string, string>) {}

  start(): void {
    if (!existsSync(PRODUCT_MAIN)) throw new Error(`${PRODUCT_MAIN} is missing: run npm run build:local`);
    this.#child = spawn(process.execPath, ['--enable-source-maps', ...startNodeOptions(), PRODUCT_MAIN], {
      cwd: ROOT,
      detached: true,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_REGION: 'us-east-1', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.#child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.#exit = new Promise((resolve) => this.#child!.once('exit', (code) => resolve(code)));
  }

  /** Waits until the output matches, or fails with the output so far. */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.output)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output:\n${this.output.slice(-4000)}`);
      if (this.#child?.exitCode !== null)
        throw new Error(`product exited (${this.#child?.exitCode}); output:\n${this.output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The process id (and process group id) of the product. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /**
   * Sends `signal` to the product's process group, as a terminal's Ctrl-C (SIGINT), `docker stop`
   * (SIGTERM) or an OOM kill (SIGKILL) would, and waits for the exit code.
   */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    if (!this.#child || this.#child.exitCode !== null || this.#child.signalCode !== null) return this.#child?.exitCode ?? null;
    try {
      process.kill(-this.#child.pid!, signal);
    } catch {
      this.#child.kill(signal);
    }
    return this.#exit!;
  }
}

/** Polls `check` until it returns a value, or fails after the timeout. */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

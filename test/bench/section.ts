import { spawn } from 'node:child_process';
import { benchBacklogRss } from './backlog-rss';
import { benchBridge } from './bridge-bench';
import { benchBundles, deployedFunctions } from './bundle-bench';
import { benchCpuPerWork } from './cpu-per-work';
import { benchEndToEnd } from './e2e-bench';
import { benchQuota } from './quota-bench';

/**
 * Each bench section, run in a Node process of its own: a section's `process.cpuUsage()` then counts
 * its product alone, never sockets, timers or garbage an earlier section left in the process, and
 * each section starts as cold as the product does.
 */
const SECTIONS = {
  bridge: benchBridge,
  endToEnd: benchEndToEnd,
  cpuPerWork: benchCpuPerWork,
  backlog: benchBacklogRss,
  bundles: async (options: { runs?: number }) => benchBundles(deployedFunctions(), options),
  quota: async () => benchQuota((line) => process.stderr.write(`${line}\n`)),
};

export type Section = keyof typeof SECTIONS;
type Options<S extends Section> = Parameters<(typeof SECTIONS)[S]>[0];
type Result<S extends Section> = Awaited<ReturnType<(typeof SECTIONS)[S]>>;

const MARK = 'BENCH-SECTION-RESULT ';

/** Runs `section` with `options` in a fresh process (its stderr passed through) and returns its result. */
export function runSection<S extends Section>(section: S, options: Options<S>): Promise<Result<S>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', __filename, section, JSON.stringify(options ?? {})], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (code === 0 && line) resolve(JSON.parse(line.slice(MARK.length)) as Result<S>);
      else reject(new Error(`bench section ${section} exited with ${code}${line ? '' : ' and no result'}`));
    });
  });
}

async function main(): Promise<void> {
  const [section, options] = process.argv.slice(2) as [Section, string];
  const run = SECTIONS[section] as (options: unknown) => Promise<unknown>;
  if (!run) throw new Error(`unknown bench section ${section}; one of ${Object.keys(SECTIONS).join(', ')}`);
  const result = await run(JSON.parse(options));
  process.stdout.write(`\n${MARK}${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`bench section failed: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}

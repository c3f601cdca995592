import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { esbuildOptions } from '../../infra/bundling';
import { REPO_ROOT } from '../../infra/paths';
import { ipEntity, modernMessage } from '../pipeline/messages';
import { sqsEvent } from '../pipeline/fake-service';
import { handlerEnv } from './cpu-handler';
import { forkStandIns } from './stand-ins';

/**
 * Cold start of the shodan-internetdb function as it ships: in a fresh Node process, import the
 * bundle and handle one record against the loopback stand-ins (vendor at once). Built as deployed
 * (API publishing, the AWS SDK left to the runtime: resolved from node_modules, as the runtime's
 * copy) and with the AWS SDK bundled; more prebuilt `index.mjs` files may be given to compare.
 *
 *   npx tsx test/bench/cold-start.ts [label=path/to/index.mjs ...]     (ROUNDS=5)
 */
async function main(): Promise<void> {
  const rounds = Number(process.env.ROUNDS ?? 5);
  const out = join(REPO_ROOT, 'bench-results', 'cold-start');
  const bundles: Record<string, string> = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split('=') as [string, string]));
  for (const [label, external] of Object.entries({ deployed: undefined, 'SDK bundled': [] })) {
    const dir = join(out, label.replace(/\W/g, '-'));
    buildSync({
      ...esbuildOptions(join(REPO_ROOT, 'functions/shodan-internetdb/handler.ts'), dir, { amqp: false }),
      ...(external ? { external } : {}),
    });
    bundles[label] = join(dir, 'index.mjs');
  }

  const token = `bench-${randomUUID()}`;
  const connectorId = randomUUID();
  const standIns = await forkStandIns({ token, vendorLatencyMs: 0, rabbit: false });
  try {
    const env = { ...process.env, ...handlerEnv(standIns, token, connectorId) };
    const times = new Map<string, number[][]>();
    // Rounds interleave the bundles, so that a change in the machine's load touches them alike.
    for (let round = 0; round < rounds; round++) {
      for (const [label, file] of Object.entries(bundles)) {
        const [workId] = await standIns.works(connectorId, 1);
        const event = sqsEvent([{ id: 'cold', body: modernMessage(ipEntity('11.0.0.1'), workId!) }]);
        const script = [
          'const c = process.cpuUsage(); const t = performance.now();',
          `const { handler } = await import(${JSON.stringify(file)});`,
          'const imported = process.cpuUsage(c); const ti = performance.now();',
          `const r = await handler(${JSON.stringify(event)}, { getRemainingTimeInMillis: () => 60000 });`,
          'const done = process.cpuUsage(c); const cpu = (u) => (u.user + u.system) / 1000;',
          'console.log(ti - t, cpu(imported), performance.now() - t, cpu(done), r.batchItemFailures.length);',
        ].join(' ');
        const line = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env }).toString().trim().split('\n').at(-1)!;
        const row = line.split(' ').map(Number);
        if (row[4] !== 0) throw new Error(`${label}: the record failed`);
        times.set(label, [...(times.get(label) ?? []), row]);
      }
    }
    console.log(`minimum of ${rounds} fresh processes: import, then import + first record (wall / CPU ms)`);
    for (const [label, rows] of times) {
      const min = (i: number) => Math.min(...rows.map((r) => r[i]!)).toFixed(0);
      console.log(`${label.padEnd(14)} import ${min(0)} / ${min(1)}   import + first record ${min(2)} / ${min(3)}`);
    }
  } finally {
    await standIns.stop();
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});

import { execFileSync, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { esbuildOptions } from '../../infra/bundling';
import { REPO_ROOT } from '../../infra/paths';
import { ipEntity, modernMessage } from '../pipeline/messages';
import { sqsEvent } from '../pipeline/fake-service';
import type { StandInAnswer, StandInRequest } from './cpu-stand-ins';

/**
 * Cold start of the shodan-internetdb function as it ships: in a fresh Node process, import the
 * bundle and handle one record against the loopback stand-ins (vendor at once). Built as deployed
 * and with the AWS SDK left to the runtime; more prebuilt `index.mjs` files may be given to compare.
 *
 *   npx tsx test/bench/cold-start.ts [label=path/to/index.mjs ...]     (ROUNDS=5)
 */
async function main(): Promise<void> {
  const rounds = Number(process.env.ROUNDS ?? 5);
  const out = join(REPO_ROOT, 'bench-results', 'cold-start');
  const bundles: Record<string, string> = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split('=') as [string, string]));
  for (const [label, external] of Object.entries({ deployed: undefined, 'runtime SDK': ['@aws-sdk/*'] })) {
    const dir = join(out, label.replace(/\W/g, '-'));
    buildSync({ ...esbuildOptions(join(REPO_ROOT, 'functions/shodan-internetdb/handler.ts'), dir), ...(external ? { external } : {}) });
    bundles[label] = join(dir, 'index.mjs');
  }

  const token = `bench-${randomUUID()}`;
  const connectorId = randomUUID();
  const child = fork(join(__dirname, 'cpu-stand-ins.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_TOKEN: token, BENCH_VENDOR_LATENCY_MS: '0' },
  });
  const answer = () => new Promise<StandInAnswer>((resolve) => child.once('message', resolve));
  const ask = (request: StandInRequest) => (child.send(request), answer());
  try {
    const ready = await answer();
    if (ready.kind !== 'ready') throw new Error(`stand-ins answered ${ready.kind}`);
    const env = {
      ...process.env,
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      OPENCTI_URL: ready.openctiUrl,
      OPENCTI_TOKEN: token,
      CONNECTOR_ID: connectorId,
      CONNECTOR_NAME: 'bench',
      CONNECTOR_SCOPE: 'IPv4-Addr',
      CONNECTOR_LOG_LEVEL: 'error',
      SHODAN_INTERNETDB_BASE_URL: ready.vendorUrl,
    };
    const times = new Map<string, number[][]>();
    // Rounds interleave the bundles, so that a change in the machine's load touches them alike.
    for (let round = 0; round < rounds; round++) {
      for (const [label, file] of Object.entries(bundles)) {
        const works = await ask({ kind: 'works', connectorId, count: 1 });
        if (works.kind !== 'works') throw new Error(`stand-ins answered ${works.kind}`);
        const event = sqsEvent([{ id: 'cold', body: modernMessage(ipEntity('10.0.0.1'), works.ids[0]!) }]);
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
    child.send({ kind: 'stop' } satisfies StandInRequest);
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});

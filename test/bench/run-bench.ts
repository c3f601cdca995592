import { mkdirSync, writeFileSync } from 'node:fs';
import { quotaRows } from './quota-bench';
import { runSection } from './section';
import { SERVICES } from '../../functions/services';
import { AWS_PRICES, costPerMillion } from './cost-model';

/**
 * `npm run bench`: figures for this machine, printed as a table and written to
 * bench-results/bench.json. Targets are printed beside the figures, never asserted. Each section
 * runs in a fresh Node process (test/bench/section.ts), so none measures what another left behind.
 */
async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const n = Number(process.env.BENCH_MESSAGES ?? 1000);
  const latency = Number(process.env.BENCH_VENDOR_LATENCY_MS ?? 50);
  const log = (s: string) => process.stderr.write(`${s}\n`);

  log(`bridge: forwarding ${Math.max(n, 5000)} messages...`);
  const bridge = await runSection('bridge', { messages: Math.max(n, 5000) });
  log(`end to end: ${n} messages, vendor latency ${latency} ms, default concurrency (batch 10 x 5)...`);
  const e2e = await runSection('endToEnd', { messages: n, vendorLatencyMs: latency, batchSize: 10, concurrency: 5, standIns: 'alongside' });
  const apartN = Math.max(n, 3000);
  const warmup = 500;
  log(`end to end, stand-ins and producer in their own process: ${apartN} messages after ${warmup} to warm up...`);
  const apart = await runSection('endToEnd', {
    messages: apartN,
    warmup,
    vendorLatencyMs: latency,
    batchSize: 10,
    concurrency: 5,
    standIns: 'apart',
  });
  const serialN = Math.min(n, 200);
  log(`serial consumer (prefetch 1, one at a time, as the Python connectors): ${serialN} messages...`);
  const serial = await runSection('endToEnd', {
    messages: serialN,
    vendorLatencyMs: latency,
    batchSize: 1,
    concurrency: 1,
    standIns: 'alongside',
  });
  log(`pipeline overhead: ${Math.min(n, 300)} messages one at a time, with a vendor answering at once...`);
  const overhead = await runSection('endToEnd', {
    messages: Math.min(n, 300),
    vendorLatencyMs: 0,
    batchSize: 1,
    concurrency: 1,
    standIns: 'alongside',
  });
  const cpuN = Math.max(n, 2000);
  log(`product CPU per work: the shipped handler bundle alone, ${cpuN} records after 300 to warm up, stand-ins in their own process...`);
  const cpu = await runSection('cpuPerWork', { messages: cpuN, warmup: 300, vendorLatencyMs: latency, from: 'bundle' });
  const backlogWorks = Number(process.env.BENCH_BACKLOG ?? 20_000);
  log(`npm start's memory: idle, then with ${backlogWorks} works queued (60 s of sampling)...`);
  const backlog = await runSection('backlog', { works: backlogWorks, vendorLatencyMs: latency, sampleSeconds: 60 });
  log('function bundles...');
  const bundles = await runSection('bundles', {});
  log('quota governance through npm start (about 5 minutes; alone: npm run bench:quota)...');
  const quota = await runSection('quota', undefined);

  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  // Infra default memory (infra/config/connector-schema.ts) and batch size of the e2e run; the
  // per-record durations include the 50 ms vendor wait, which Lambda bills too.
  const money = (usd: number) => `$${usd.toFixed(2)}`;
  const costInputs = { recordMs: e2e.recordMs.p50, memoryMb: 256, batchSize: 10, services: SERVICES.length };
  const cost = costPerMillion(costInputs);
  const governed = costPerMillion({ ...costInputs, dynamo: { writes: 2, reads: 1 } });
  const rows: Array<[string, string, string]> = [
    ['bridge forwarding (RabbitMQ → SQS)', `${bridge.ratePerSecond.toFixed(0)} msg/s`, '≥ 2000 msg/s'],
    [`end to end, ${latency} ms vendor, batch 10 × 5`, `${e2e.ratePerSecond.toFixed(0)} msg/s`, '≥ 150 msg/s'],
    ['  latency p50 / p95 / p99', `${e2e.latencyMs.p50} / ${e2e.latencyMs.p95} / ${e2e.latencyMs.p99} ms`, ''],
    [`serial consumer, ${latency} ms vendor (Python-style)`, `${serial.ratePerSecond.toFixed(1)} msg/s`, ''],
    ['  speed-up over serial', `${(e2e.ratePerSecond / serial.ratePerSecond).toFixed(1)}×`, ''],
    [
      `end to end, stand-ins and producer apart, ${latency} ms vendor, batch 10 × 5`,
      `${apart.ratePerSecond.toFixed(0)} msg/s`,
      '≥ 400 msg/s',
    ],
    ['  latency p50 / p95 / p99', `${apart.latencyMs.p50} / ${apart.latencyMs.p95} / ${apart.latencyMs.p99} ms`, ''],
    ['  speed-up over serial', `${(apart.ratePerSecond / serial.ratePerSecond).toFixed(1)}×`, ''],
    [
      `  measured over ${apart.messages} works after ${warmup} to warm up; CPU per work of the local product (bridge, SQS server, poller, handler)`,
      `${apart.productCpuMsPerWork!.toFixed(2)} ms`,
      '',
    ],
    [
      `product CPU per work: the handler as shipped (its bundle), ${latency} ms vendor, 4 HTTP requests`,
      `${cpu.cpuMsPerWork.toFixed(2)} ms (user ${cpu.userMsPerWork.toFixed(2)}, system ${cpu.systemMsPerWork.toFixed(2)})`,
      '≤ 2.0 ms',
    ],
    [
      'pipeline time per record (3 OpenCTI calls on loopback), p50 / p99',
      `${overhead.recordMs.p50} / ${overhead.recordMs.p99} ms`,
      'p99 ≤ 20 ms',
    ],
    [
      `npm start RSS, idle / with ${backlog.works} works queued (peak over ${backlog.sampledSeconds} s)`,
      `${backlog.idleMb.toFixed(0)} / ${backlog.peakMb.toFixed(0)} MB (+${(backlog.peakMb - backlog.idleMb).toFixed(0)}; ${backlog.done} done, ${backlog.inRabbitMq} still in RabbitMQ)`,
      '≤ idle + 60 MB',
    ],
    ...bundles.map((b): [string, string, string] => [
      `bundle ${b.name}: shipped, at import / first invocation; cold import / + first invocation's code / + as deployed by default`,
      `${kb(b.bytes)}, ${kb(b.atImportBytes)} / ${kb(b.firstInvocationBytes)}; ${b.coldImportMs} / ${b.coldLoadMs} / ${b.coldDeployedMs} ms`,
      '≤ 500 KB, ≤ 120 ms',
    ]),
    [
      `cost per million enrichments (Lambda arm64 256 MB at p50 ${costInputs.recordMs} ms/record, SQS)`,
      `${money(cost.perMillion.total)} (Lambda ${money(cost.perMillion.lambdaCompute + cost.perMillion.lambdaRequests)}, SQS ${money(cost.perMillion.sqs)})`,
      '',
    ],
    ['  with quota governance (+2 DynamoDB writes, 1 read each)', money(governed.perMillion.total), ''],
    ['  plus the bridge: one Fargate task 0.25 vCPU / 0.5 GB arm64, per month', money(cost.bridgeTaskPerMonth), ''],
    [`  vs one always-on Python connector container per service (${SERVICES.length}), per month`, money(cost.pythonContainersPerMonth), ''],
    ...quotaRows(quota),
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const width2 = Math.max(...rows.map((r) => r[1].length));
  console.log(`${'measure'.padEnd(width)}  ${'figure'.padEnd(width2)}  target`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(width)}  ${b.padEnd(width2)}  ${c}`);
  console.log(
    "\nbundles: built as infra/ builds them (queueProtocol api); '+ as deployed by default' also loads the Secrets Manager client (the token is a secret) and the DynamoDB quota store, the AWS SDK resolved from node_modules as Lambda resolves its own copy; times are the minimum of 5 fresh processes.",
  );
  console.log(
    `\nprices: AWS ${AWS_PRICES.region}, on demand, taken ${AWS_PRICES.takenOn}: Lambda arm64 $${AWS_PRICES.lambdaArmGbSecond}/GB-s and $${AWS_PRICES.lambdaPerMillionRequests}/M requests; SQS $${AWS_PRICES.sqsPerMillionRequests}/M requests; DynamoDB on demand $${AWS_PRICES.dynamoPerMillionWrites}/M writes, $${AWS_PRICES.dynamoPerMillionReads}/M reads; Fargate arm64 $${AWS_PRICES.fargateArmVcpuHour}/vCPU-h, $${AWS_PRICES.fargateArmGbHour}/GB-h; free tiers ignored.`,
  );
  mkdirSync('bench-results', { recursive: true });
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    messages: n,
    vendorLatencyMs: latency,
    bridge,
    endToEnd: e2e,
    endToEndApart: apart,
    cpuPerWork: cpu,
    serial,
    overhead,
    backlog,
    bundles,
    quota,
    cost: { prices: AWS_PRICES, inputs: costInputs, serverless: cost, withQuotaGovernance: governed },
  };
  writeFileSync('bench-results/bench.json', JSON.stringify(result, null, 2));
  console.log('\nwritten: bench-results/bench.json');
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);

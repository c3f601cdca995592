import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import type { Context, SQSEvent } from 'aws-lambda';
import { ipEntity, modernMessage } from '../pipeline/messages';
import { benchHandler } from './cpu-handler';
import type { StandInAnswer, StandInRequest } from './cpu-stand-ins';

/**
 * CPU of the product per enrichment: the real SQS handler (shodan-internetdb, API publishing, log
 * level error) against a loopback vendor and the OpenCTI stand-in, both in a child process so that
 * `process.cpuUsage()` here counts the product alone. Four HTTP requests per work: three to OpenCTI
 * (work received, bundle push, work processed), one to the vendor.
 *
 *   npx tsx test/bench/cpu-per-work.ts                 (BENCH_MESSAGES=2000, BENCH_VENDOR_LATENCY_MS=50)
 *   BENCH_FROM=bundle npx tsx test/bench/cpu-per-work.ts   (the deployed bundle rather than the source)
 *   BENCH_CPU_PROFILE=work.cpuprofile npx tsx test/bench/cpu-per-work.ts   (a profile of the measured records only)
 */
async function main(): Promise<void> {
  const n = Number(process.env.BENCH_MESSAGES ?? 2000);
  const warmup = Number(process.env.BENCH_WARMUP ?? 300);
  const latency = Number(process.env.BENCH_VENDOR_LATENCY_MS ?? 50);
  const batchSize = 10;
  const concurrency = 5;
  const token = `bench-${randomUUID()}`;
  const connectorId = randomUUID();

  const child = fork(join(__dirname, 'cpu-stand-ins.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_TOKEN: token, BENCH_VENDOR_LATENCY_MS: String(latency) },
  });
  try {
    const ready = await ask(child);
    if (ready.kind !== 'ready') throw new Error(`stand-ins answered ${ready.kind}`);
    const from = process.env.BENCH_FROM === 'bundle' ? 'bundle' : 'source';
    const handler = await benchHandler(
      {
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        OPENCTI_URL: ready.openctiUrl,
        OPENCTI_TOKEN: token,
        CONNECTOR_ID: connectorId,
        CONNECTOR_NAME: 'bench',
        CONNECTOR_SCOPE: 'IPv4-Addr',
        CONNECTOR_LOG_LEVEL: 'error',
        SHODAN_INTERNETDB_BASE_URL: ready.vendorUrl,
      },
      from,
    );

    // Messages are built before the clock starts: only the handler's work is measured.
    const prepare = async (count: number, offset: number): Promise<SQSEvent[]> => {
      const answer = await ask(child, { kind: 'works', connectorId, count });
      if (answer.kind !== 'works') throw new Error(`stand-ins answered ${answer.kind}`);
      const events: SQSEvent[] = [];
      for (let i = 0; i < count; i += batchSize) events.push(sqsEvent(answer.ids.slice(i, i + batchSize), offset + i));
      return events;
    };
    const run = async (events: SQSEvent[]): Promise<number> => {
      let failures = 0;
      const worker = async () => {
        for (let event = events.shift(); event; event = events.shift())
          failures += (await handler(event, lambdaContext)).batchItemFailures.length;
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return failures;
    };

    await run(await prepare(warmup, 0));
    const events = await prepare(n, warmup);
    const profiler = await startProfiler();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const failures = await run(events);
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    await profiler?.();
    // A few retries happen on a loaded machine (a kept-alive socket closed by the stand-in as it is
    // reused); they cost CPU like any record, so they are reported, not counted out.
    if (failures > n * 0.01) throw new Error(`${failures} of ${n} records failed`);

    const ms = (micros: number) => (micros / 1000 / n).toFixed(3);
    console.log(`${from}: ${n} records (after ${warmup} warm-up), vendor latency ${latency} ms, batch ${batchSize} x ${concurrency}`);
    console.log(`product CPU per work: ${ms(used.user + used.system)} ms (user ${ms(used.user)}, system ${ms(used.system)})`);
    console.log(`wall: ${seconds.toFixed(2)} s, ${(n / seconds).toFixed(0)} works/s, ${failures} retried`);
  } finally {
    child.send({ kind: 'stop' } satisfies StandInRequest);
  }
}

/** With BENCH_CPU_PROFILE set, profiles from now until the returned function writes the profile there. */
async function startProfiler(): Promise<(() => Promise<void>) | undefined> {
  const path = process.env.BENCH_CPU_PROFILE;
  if (!path) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
  };
}

/** Sends a request (or none) and waits for the child's next answer. */
function ask(child: ChildProcess, request?: StandInRequest): Promise<StandInAnswer> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`stand-ins exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (answer: StandInAnswer) => {
      child.off('exit', onExit);
      resolve(answer);
    });
    if (request) child.send(request);
  });
}

function sqsEvent(workIds: string[], offset: number): SQSEvent {
  return {
    Records: workIds.map((workId, i) => {
      const k = offset + i;
      const entity = ipEntity(`10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`);
      return {
        messageId: `m-${k}`,
        receiptHandle: `rh-${k}`,
        body: modernMessage(entity, workId),
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:bench',
        awsRegion: 'us-east-1',
      };
    }),
  };
}

const lambdaContext = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);

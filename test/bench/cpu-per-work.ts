import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Context, SQSEvent } from 'aws-lambda';
import { ipEntity, modernMessage } from '../pipeline/messages';
import { benchHandler, handlerEnv } from './cpu-handler';
import { forkStandIns } from './stand-ins';

export interface CpuOptions {
  messages: number;
  /** Records handled before the clock starts (connections opened, code compiled). */
  warmup: number;
  vendorLatencyMs: number;
  /** The TypeScript source, or the bundle infra/bundling.ts builds (what ships). */
  from: 'source' | 'bundle';
  /** Writes a CPU profile of the measured records there. */
  cpuProfile?: string;
}

export interface CpuResult {
  from: 'source' | 'bundle';
  messages: number;
  /** The product's CPU per work: user + system, then each (ms). */
  cpuMsPerWork: number;
  userMsPerWork: number;
  systemMsPerWork: number;
  worksPerSecond: number;
  /** Records that failed and would have been retried (a loaded machine closes the odd kept-alive socket). */
  retried: number;
}

const BATCH_SIZE = 10;
const CONCURRENCY = 5;

/**
 * CPU of the product per enrichment: the real SQS handler (shodan-internetdb, API publishing, log
 * level error) against a loopback vendor and the OpenCTI stand-in, both in a child process so that
 * `process.cpuUsage()` here counts the product alone. Four HTTP requests per work: three to OpenCTI
 * (work received, bundle push, work processed), one to the vendor. Batches of 10, 5 at a time.
 */
export async function benchCpuPerWork(options: CpuOptions): Promise<CpuResult> {
  const { messages: n, warmup } = options;
  const token = `bench-${randomUUID()}`;
  const connectorId = randomUUID();
  const standIns = await forkStandIns({ token, vendorLatencyMs: options.vendorLatencyMs, rabbit: false });
  try {
    const handler = await benchHandler(handlerEnv(standIns, token, connectorId), options.from);

    // Messages are built before the clock starts: only the handler's work is measured.
    const prepare = async (count: number, offset: number): Promise<SQSEvent[]> => {
      const ids = await standIns.works(connectorId, count);
      const events: SQSEvent[] = [];
      for (let i = 0; i < count; i += BATCH_SIZE) events.push(sqsEvent(ids.slice(i, i + BATCH_SIZE), offset + i));
      return events;
    };
    const run = async (events: SQSEvent[]): Promise<number> => {
      let failures = 0;
      const worker = async () => {
        for (let event = events.shift(); event; event = events.shift())
          failures += (await handler(event, lambdaContext)).batchItemFailures.length;
      };
      // Each invocation writes its metrics (EMF) on stdout as in Lambda: built and written, then dropped.
      const write = process.stdout.write;
      process.stdout.write = () => true;
      try {
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      } finally {
        process.stdout.write = write;
      }
      return failures;
    };

    await run(await prepare(warmup, 0));
    const events = await prepare(n, warmup);
    const profiler = await startProfiler(options.cpuProfile);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const failures = await run(events);
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    await profiler?.();
    // Retries cost CPU like any record, so they are reported, not counted out.
    if (failures > n * 0.01) throw new Error(`${failures} of ${n} records failed`);
    const ms = (micros: number) => micros / 1000 / n;
    return {
      from: options.from,
      messages: n,
      cpuMsPerWork: ms(used.user + used.system),
      userMsPerWork: ms(used.user),
      systemMsPerWork: ms(used.system),
      worksPerSecond: n / seconds,
      retried: failures,
    };
  } finally {
    await standIns.stop();
  }
}

/** Profiles from now until the returned function writes the profile to `path`. */
async function startProfiler(path: string | undefined): Promise<(() => Promise<void>) | undefined> {
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

function sqsEvent(workIds: string[], offset: number): SQSEvent {
  return {
    Records: workIds.map((workId, i) => {
      const k = offset + i;
      const entity = ipEntity(`11.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`);
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

/**
 *   npx tsx test/bench/cpu-per-work.ts                 (BENCH_MESSAGES=2000, BENCH_VENDOR_LATENCY_MS=50)
 *   BENCH_FROM=bundle npx tsx test/bench/cpu-per-work.ts   (the deployed bundle rather than the source)
 *   BENCH_CPU_PROFILE=work.cpuprofile npx tsx test/bench/cpu-per-work.ts   (a profile of the measured records only)
 */
async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const r = await benchCpuPerWork({
    messages: Number(process.env.BENCH_MESSAGES ?? 2000),
    warmup: Number(process.env.BENCH_WARMUP ?? 300),
    vendorLatencyMs: Number(process.env.BENCH_VENDOR_LATENCY_MS ?? 50),
    from: process.env.BENCH_FROM === 'bundle' ? 'bundle' : 'source',
    cpuProfile: process.env.BENCH_CPU_PROFILE,
  });
  const ms = (v: number) => v.toFixed(3);
  console.log(`${r.from}: ${r.messages} records, batch ${BATCH_SIZE} x ${CONCURRENCY}`);
  console.log(`product CPU per work: ${ms(r.cpuMsPerWork)} ms (user ${ms(r.userMsPerWork)}, system ${ms(r.systemMsPerWork)})`);
  console.log(`${r.worksPerSecond.toFixed(0)} works/s, ${r.retried} retried`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`bench failed: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}

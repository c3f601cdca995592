/**
 * The calls granted in one window, counted per bucket: bucket index (floor(time / bucket width))
 * → calls. Plain JSON, so a store can keep it in one DynamoDB attribute.
 */
export type WindowLog = Record<string, number>;

// A bucket is a hundredth of the period: the log stays small (about 100 entries per window,
// however large the count) and the price of bucketing is at most 1% of the window's throughput.
const BUCKETS_PER_PERIOD = 100;

const bucketWidth = (periodMs: number): number => Math.max(1, Math.ceil(periodMs / BUCKETS_PER_PERIOD));

/**
 * The buckets that may hold a call made in [now - period, now], oldest first. Whole buckets are
 * counted, so the count covers at least that interval: refusing when it reaches the limit means
 * no interval of one period ever holds more than `limit` calls, whatever the workers' timing.
 * Buckets ahead of `now` (a worker whose clock runs ahead) are counted too.
 */
function countedBuckets(log: WindowLog, periodMs: number, now: number): Array<[index: number, calls: number]> {
  const first = Math.floor((now - periodMs) / bucketWidth(periodMs));
  return Object.entries(log)
    .map(([index, calls]): [number, number] => [Number(index), calls])
    .filter(([index]) => index >= first)
    .sort(([a], [b]) => a - b);
}

/** Calls counted in the window ending at `now`. */
export function callsInWindow(log: WindowLog, periodMs: number, now: number): number {
  return countedBuckets(log, periodMs, now).reduce((sum, [, calls]) => sum + calls, 0);
}

/** When a call fits under `limit` again, if nobody else calls meanwhile (`now` when it fits already). */
export function nextFreeAt(log: WindowLog, periodMs: number, limit: number, now: number): number {
  const buckets = countedBuckets(log, periodMs, now);
  let remaining = buckets.reduce((sum, [, calls]) => sum + calls, 0);
  if (remaining < limit) return now;
  for (const [index, calls] of buckets) {
    remaining -= calls;
    // Bucket `index` stops being counted once floor((t - period) / width) passes it.
    if (remaining < limit) return (index + 1) * bucketWidth(periodMs) + periodMs;
  }
  return now;
}

/** When the oldest counted call leaves the window (its count goes down), or undefined when empty. */
export function oldestLeavesAt(log: WindowLog, periodMs: number, now: number): number | undefined {
  const oldest = countedBuckets(log, periodMs, now)[0];
  return oldest === undefined ? undefined : (oldest[0] + 1) * bucketWidth(periodMs) + periodMs;
}

/**
 * The bucket a call at `now` is counted in: the current one, or the latest one already written
 * when this worker's clock is behind. Calls only ever go into the latest bucket, which is what
 * lets a store count without locking the older ones.
 */
export function bucketFor(log: WindowLog, periodMs: number, now: number): number {
  return Math.max(Math.floor(now / bucketWidth(periodMs)), ...Object.keys(log).map(Number));
}

/** The log with one more call at `now`, without the buckets that no longer count. */
export function recordCall(log: WindowLog, periodMs: number, now: number): WindowLog {
  const kept = pruneLog(log, periodMs, now) ?? {};
  const bucket = String(bucketFor(log, periodMs, now));
  return { ...kept, [bucket]: (kept[bucket] ?? 0) + 1 };
}

/** The log without the buckets that no longer count, or undefined when nothing is left. */
export function pruneLog(log: WindowLog, periodMs: number, now: number): WindowLog | undefined {
  const buckets = countedBuckets(log, periodMs, now);
  return buckets.length === 0 ? undefined : Object.fromEntries(buckets.map(([index, calls]) => [String(index), calls]));
}

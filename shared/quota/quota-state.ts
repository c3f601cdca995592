import { circuitVerdict, closeCircuit, openCircuit, startProbe, type CircuitState, type PauseBackoff } from './circuit';
import { autoLimit, DEFAULT_MANUAL_RESERVE } from './manual-reserve';
import type { AcquireResult, CallPriority, CallRefused, QuotaPolicy, QuotaUsage } from './quota-store';
import { bucketFor, callsInWindow, nextFreeAt, oldestLeavesAt, pruneLog, recordCall, type WindowLog } from './sliding-window';

/** One connector's counters and pause: plain JSON, read and written whole by a store. */
export interface ConnectorState {
  /** Period in ms → the calls counted in windows of that period. */
  windows: Record<string, WindowLog>;
  circuit?: CircuitState;
}

/**
 * One call counted in a period's latest bucket, and the most calls that bucket may hold for the
 * decision to stay true: a store that counts without a lock writes `bucket + 1` only while the
 * bucket holds fewer than `cap` calls.
 */
export interface CountedCall {
  periodMs: number;
  bucket: number;
  cap: number;
}

/** A decision on a state: what to answer, and the state to write (none when nothing changes). */
export interface StateChange<R> {
  result: R;
  next?: ConnectorState;
  /** The calls `next` counts, one per period (acquire only). */
  counted?: CountedCall[];
}

/**
 * Time allowed between a call being counted here and the vendor counting it on arrival (a worker
 * delayed between grant and send, a slower connection): each window is counted as this much
 * longer than the vendor's, so calls spaced by exactly one period here cannot arrive closer there.
 */
export const transitMarginMs = (periodMs: number): number => Math.min(Math.max(250, Math.ceil(periodMs / 100)), 60_000);

/** The windows as counted: each the vendor's period plus {@link transitMarginMs}. */
const counting = (policy: QuotaPolicy): QuotaPolicy => ({
  ...policy,
  windows: policy.windows.map((w) => ({ ...w, periodMs: w.periodMs + transitMarginMs(w.periodMs) })),
});

const limitFor = (count: number, priority: CallPriority, policy: QuotaPolicy): number =>
  priority === 'manual' ? count : autoLimit(count, policy.manualReserve ?? DEFAULT_MANUAL_RESERVE);

/** Counts one call in every period of `policy`, dropping buckets (and periods) that no longer count. */
function withCall(
  state: ConnectorState | undefined,
  policy: QuotaPolicy,
  priority: CallPriority,
  now: number,
): { windows: Record<string, WindowLog>; counted: CountedCall[] } {
  const windows: Record<string, WindowLog> = {};
  for (const [period, log] of Object.entries(state?.windows ?? {})) {
    const kept = pruneLog(log, Number(period), now);
    if (kept) windows[period] = kept;
  }
  const counted: CountedCall[] = [];
  for (const periodMs of new Set(policy.windows.map((w) => w.periodMs))) {
    const log = state?.windows[String(periodMs)] ?? {};
    const bucket = bucketFor(log, periodMs, now);
    const olderCalls = callsInWindow(log, periodMs, now) - (log[String(bucket)] ?? 0);
    const limits = policy.windows.filter((w) => w.periodMs === periodMs).map((w) => limitFor(w.count, priority, policy));
    counted.push({ periodMs, bucket, cap: Math.min(...limits) - olderCalls });
    windows[String(periodMs)] = recordCall(log, periodMs, now);
  }
  return { windows, counted };
}

/** Grants a call when the circuit and every window allow it; the probe when the pause has just ended. */
export function decideAcquire(
  state: ConnectorState | undefined,
  policy: QuotaPolicy,
  priority: CallPriority,
  now: number,
  probe: { token: string; leaseMs: number },
): StateChange<AcquireResult> {
  policy = counting(policy);
  const verdict = circuitVerdict(state?.circuit, now);
  if (verdict.kind === 'wait') return { result: { granted: false, reason: verdict.reason, retryAt: verdict.retryAt } };
  let refusal: CallRefused | undefined;
  for (const window of policy.windows) {
    const limit = limitFor(window.count, priority, policy);
    const freeAt = nextFreeAt(state?.windows[String(window.periodMs)] ?? {}, window.periodMs, limit, now);
    if (freeAt > now && (refusal === undefined || freeAt > refusal.retryAt))
      refusal = { granted: false, reason: 'window', window: window.label, limit, retryAt: freeAt };
  }
  if (refusal) return { result: refusal };
  const probing = verdict.kind === 'probe' ? state?.circuit : undefined;
  if (policy.windows.length === 0 && !probing) return { result: { granted: true, at: now } };
  const { windows, counted } = withCall(state, policy, priority, now);
  if (probing) {
    const circuit = startProbe(probing, now, probe.token, probe.leaseMs);
    return { result: { granted: true, at: now, probe: probe.token }, next: { windows, circuit }, counted };
  }
  return { result: { granted: true, at: now }, next: { windows }, counted };
}

/** Opens or extends the vendor pause; the result is its end. */
export function decidePause(
  state: ConnectorState | undefined,
  now: number,
  untilMs: number | undefined,
  backoff: PauseBackoff,
): StateChange<number> {
  const circuit = openCircuit(state?.circuit, now, untilMs, backoff);
  if (circuit === state?.circuit) return { result: circuit.pausedUntil };
  return { result: circuit.pausedUntil, next: { windows: state?.windows ?? {}, circuit } };
}

/** Closes the circuit when `token` is the current probe. */
export function decideResume(state: ConnectorState | undefined, token: string): StateChange<void> {
  if (state?.circuit === undefined || closeCircuit(state.circuit, token) !== undefined) return { result: undefined };
  return { result: undefined, next: { windows: state.windows } };
}

/** The usage of each window of `policy` and the pause, at `now`. */
export function describeUsage(state: ConnectorState | undefined, policy: QuotaPolicy, now: number): QuotaUsage {
  const windows = counting(policy).windows.map((window) => {
    const log = state?.windows[String(window.periodMs)] ?? {};
    const resetsAt = oldestLeavesAt(log, window.periodMs, now);
    return {
      window: window.label,
      used: callsInWindow(log, window.periodMs, now),
      limit: window.count,
      autoLimit: limitFor(window.count, 'auto', policy),
      ...(resetsAt === undefined ? {} : { resetsAt }),
    };
  });
  const circuit = state?.circuit;
  const paused = circuit !== undefined && now < circuit.pausedUntil;
  return {
    windows,
    ...(paused ? { pausedUntil: circuit.pausedUntil } : {}),
    probing: circuit?.probe !== undefined && !paused && now < circuit.probe.leaseUntil,
  };
}

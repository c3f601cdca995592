/**
 * A connector's vendor pause, as a circuit breaker: open (paused) until `pausedUntil`, then
 * half-open: one caller probes the vendor while the others wait; the probe's success closes the
 * circuit (the state goes away), its failure opens it again.
 */
export interface CircuitState {
  /** No vendor call before this time (ms epoch). */
  pausedUntil: number;
  /** Pauses in a row without a successful probe; doubles the backoff when the vendor gives no Retry-After. */
  pauses: number;
  /** The caller probing the vendor, until its lease ends (a crashed prober does not block forever). */
  probe?: { token: string; leaseUntil: number };
}

/** The pause when the vendor says "slow down" without a Retry-After: base × 2^(pauses in a row - 1), capped. */
export interface PauseBackoff {
  /** @default 10_000 */
  baseMs: number;
  /** @default 900_000 (15 minutes) */
  maxMs: number;
}

export const DEFAULT_PAUSE_BACKOFF: PauseBackoff = { baseMs: 10_000, maxMs: 900_000 };

/** What the circuit lets a caller do now. */
export type CircuitVerdict = { kind: 'closed' } | { kind: 'probe' } | { kind: 'wait'; reason: 'paused' | 'probing'; retryAt: number };

export function circuitVerdict(circuit: CircuitState | undefined, now: number): CircuitVerdict {
  if (circuit === undefined) return { kind: 'closed' };
  if (now < circuit.pausedUntil) return { kind: 'wait', reason: 'paused', retryAt: circuit.pausedUntil };
  if (circuit.probe && now < circuit.probe.leaseUntil) return { kind: 'wait', reason: 'probing', retryAt: circuit.probe.leaseUntil };
  return { kind: 'probe' };
}

/**
 * Opens the pause, or extends a running one. Every worker hit by the same burst of 429s reports
 * it: during a running pause a report only extends it to a later Retry-After, so the backoff
 * grows once per pause, not once per worker. Returns `circuit` itself when nothing changes.
 */
export function openCircuit(
  circuit: CircuitState | undefined,
  now: number,
  untilMs: number | undefined,
  backoff: PauseBackoff,
): CircuitState {
  if (circuit !== undefined && now < circuit.pausedUntil)
    return untilMs !== undefined && untilMs > circuit.pausedUntil ? { ...circuit, pausedUntil: untilMs } : circuit;
  const pauses = (circuit?.pauses ?? 0) + 1;
  return { pausedUntil: untilMs ?? now + Math.min(backoff.maxMs, backoff.baseMs * 2 ** (pauses - 1)), pauses };
}

/** The circuit with `token`'s probe under way until `now + leaseMs`. */
export const startProbe = (circuit: CircuitState, now: number, token: string, leaseMs: number): CircuitState => ({
  ...circuit,
  probe: { token, leaseUntil: now + leaseMs },
});

/** Closes the circuit when `token` is the current probe; a stale probe (lease taken over, new pause) changes nothing. */
export const closeCircuit = (circuit: CircuitState | undefined, token: string): CircuitState | undefined =>
  circuit?.probe?.token === token ? undefined : circuit;

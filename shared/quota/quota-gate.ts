import { randomUUID } from 'node:crypto';
import { DEFAULT_PAUSE_BACKOFF, type PauseBackoff } from './circuit';
import type { AcquireResult, CallPriority, QuotaPolicy, QuotaStore, QuotaStoreOptions, QuotaUsage } from './quota-store';
import { decideAcquire, decidePause, decideResume, describeUsage } from './quota-state';
import type { StateCell } from './state-cell';

const DEFAULT_PROBE_LEASE_MS = 30_000;

/** The rate-limit and pause half of a {@link QuotaStore}, the same for every store: decisions over a {@link StateCell}. */
export class QuotaGate implements Pick<QuotaStore, 'acquire' | 'pause' | 'resume' | 'usage'> {
  private readonly now: () => number;
  private readonly probeLeaseMs: number;
  private readonly backoff: PauseBackoff;

  constructor(
    private readonly cell: StateCell,
    options: QuotaStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.probeLeaseMs = options.probeLeaseMs ?? DEFAULT_PROBE_LEASE_MS;
    this.backoff = options.pauseBackoff ?? DEFAULT_PAUSE_BACKOFF;
  }

  acquire(connector: string, policy: QuotaPolicy, priority: CallPriority): Promise<AcquireResult> {
    const probe = { token: randomUUID(), leaseMs: this.probeLeaseMs };
    return this.cell.update(connector, (state, now) => decideAcquire(state, policy, priority, now, probe));
  }

  pause(connector: string, untilMs?: number): Promise<number> {
    return this.cell.update(connector, (state, now) => decidePause(state, now, untilMs, this.backoff));
  }

  resume(connector: string, probe: string): Promise<void> {
    return this.cell.update(connector, (state) => decideResume(state, probe));
  }

  async usage(connector: string, policy: QuotaPolicy): Promise<QuotaUsage> {
    return describeUsage(await this.cell.read(connector), policy, this.now());
  }
}

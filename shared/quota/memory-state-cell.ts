import type { ConnectorState, StateChange } from './quota-state';
import type { StateCell } from './state-cell';

/** Connector states in a map: one process, where a synchronous read-modify-write is atomic. */
export class MemoryStateCell implements StateCell {
  private readonly states = new Map<string, ConnectorState>();

  constructor(private readonly now: () => number) {}

  async read(connector: string): Promise<ConnectorState | undefined> {
    return this.states.get(connector);
  }

  async update<R>(connector: string, change: (state: ConnectorState | undefined, now: number) => StateChange<R>): Promise<R> {
    const { result, next } = change(this.states.get(connector), this.now());
    if (next === undefined) return result;
    if (Object.keys(next.windows).length === 0 && next.circuit === undefined) this.states.delete(connector);
    else this.states.set(connector, next);
    return result;
  }
}

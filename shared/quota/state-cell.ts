import type { ConnectorState, StateChange } from './quota-state';

/**
 * Where a store keeps each connector's {@link ConnectorState}. `update` is atomic against every
 * other worker: `change` may run several times (with a fresh `now`) when another worker wrote
 * first, and its answer is returned only once its state is written.
 */
export interface StateCell {
  read(connector: string): Promise<ConnectorState | undefined>;
  update<R>(connector: string, change: (state: ConnectorState | undefined, now: number) => StateChange<R>): Promise<R>;
}

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ConnectorState, StateChange } from './quota-state';
import type { WindowLog } from './sliding-window';

/**
 * A connector's item holds, per window period P (ms): `latest_P` (N, the latest bucket),
 * `calls_P` (N, its calls) and `older_P` (S, JSON of the older buckets); `circuit` (S, JSON) while
 * a pause or probe runs. Calls only go into the latest bucket, so concurrent grants in that
 * bucket are one atomic `calls_P + 1` each, conditional on the room the decision saw.
 */
export type StateItem = Record<string, AttributeValue>;

const LATEST = /^latest_(\d+)$/;
const N = (value: number): AttributeValue => ({ N: String(value) });

/** The state an item holds. */
export function stateFromItem(item: StateItem): ConnectorState {
  const windows: Record<string, WindowLog> = {};
  for (const [name, value] of Object.entries(item)) {
    const period = LATEST.exec(name)?.[1];
    if (period === undefined || value.N === undefined) continue;
    const older = JSON.parse(item[`older_${period}`]?.S ?? '{}') as WindowLog;
    windows[period] = { ...older, [value.N]: Number(item[`calls_${period}`]?.N ?? 0) };
  }
  const circuit = item.circuit?.S;
  return circuit === undefined ? { windows } : { windows, circuit: JSON.parse(circuit) as ConnectorState['circuit'] };
}

/** Collects an update's clauses with placeholders for every name and value. */
class UpdateBuilder {
  readonly sets: string[] = [];
  readonly removes: string[] = [];
  readonly conditions: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};

  name(attribute: string): string {
    const key = `#${attribute}`.replace(/[^#\w]/g, '_');
    this.names[key] = attribute;
    return key;
  }

  value(value: AttributeValue): string {
    const key = `:v${Object.keys(this.values).length}`;
    this.values[key] = value;
    return key;
  }
}

const latestOf = (log: WindowLog | undefined): number | undefined =>
  log === undefined || Object.keys(log).length === 0 ? undefined : Math.max(...Object.keys(log).map(Number));

/** Counts each call of `change.counted`: +1 in the latest bucket, or a new latest bucket. */
function countCalls(u: UpdateBuilder, read: ConnectorState | undefined, change: StateChange<unknown>, next: ConnectorState): void {
  for (const { periodMs, bucket, cap } of change.counted ?? []) {
    const latest = u.name(`latest_${periodMs}`);
    const calls = u.name(`calls_${periodMs}`);
    const log = read?.windows[String(periodMs)];
    const readLatest = latestOf(log);
    if (readLatest === bucket) {
      u.sets.push(`${calls} = ${calls} + ${u.value(N(1))}`);
      u.conditions.push(`${latest} = ${u.value(N(bucket))}`, `${calls} < ${u.value(N(cap))}`);
      continue;
    }
    const { [String(bucket)]: callsNow = 1, ...olderLog } = next.windows[String(periodMs)] ?? {};
    u.sets.push(`${latest} = ${u.value(N(bucket))}`, `${calls} = ${u.value(N(callsNow))}`);
    u.sets.push(`${u.name(`older_${periodMs}`)} = ${u.value({ S: JSON.stringify(olderLog) })}`);
    if (readLatest === undefined) u.conditions.push(`attribute_not_exists(${latest})`);
    else u.conditions.push(`${latest} = ${u.value(N(readLatest))}`, `${calls} = ${u.value(N(log?.[String(readLatest)] ?? 0))}`);
  }
}

/**
 * The UpdateItem parts that turn `read` into `change.next`, valid only if no other worker changed
 * what the decision relied on: the latest buckets it counted in, and the circuit.
 */
export function updateFor(read: ConnectorState | undefined, change: StateChange<unknown>, next: ConnectorState, expiresAt: number) {
  const u = new UpdateBuilder();
  countCalls(u, read, change, next);
  for (const [period, log] of Object.entries(read?.windows ?? {})) {
    if (period in next.windows) continue;
    // Every call of this period has left its window: drop it, unless someone counted one meanwhile.
    const [latest, calls] = [u.name(`latest_${period}`), u.name(`calls_${period}`)];
    const readLatest = latestOf(log) ?? 0;
    u.removes.push(latest, calls, u.name(`older_${period}`));
    u.conditions.push(`${latest} = ${u.value(N(readLatest))}`, `${calls} = ${u.value(N(log[String(readLatest)] ?? 0))}`);
  }
  const circuit = u.name('circuit');
  const [before, after] = [read?.circuit, next.circuit].map((c) => (c === undefined ? undefined : JSON.stringify(c)));
  if (after !== before) {
    if (after === undefined) u.removes.push(circuit);
    else u.sets.push(`${circuit} = ${u.value({ S: after })}`);
  }
  u.conditions.push(before === undefined ? `attribute_not_exists(${circuit})` : `${circuit} = ${u.value({ S: before })}`);
  u.sets.push(`${u.name('expiresAt')} = ${u.value(N(expiresAt))}`);
  return {
    UpdateExpression: `SET ${u.sets.join(', ')}${u.removes.length > 0 ? ` REMOVE ${u.removes.join(', ')}` : ''}`,
    ConditionExpression: u.conditions.join(' AND '),
    ExpressionAttributeNames: u.names,
    ExpressionAttributeValues: u.values,
  };
}

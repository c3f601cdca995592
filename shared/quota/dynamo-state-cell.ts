import { type DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { quotaItemKey } from './dynamo-table';
import { stateFromItem, updateFor } from './dynamo-state-item';
import { QuotaContentionError, QuotaStoreError } from './errors';
import type { ConnectorState, StateChange } from './quota-state';
import type { StateCell } from './state-cell';
import { tableCall } from './table-call';

/** How a {@link DynamoStateCell} retries a write another worker made stale. */
export interface ContentionOptions {
  /** Reads and conditional writes per operation before giving up. @default 30 */
  maxAttempts?: number;
  /** Waits between attempts (jittered, growing to 200 ms). @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** @default Math.random */
  random?: () => number;
}

// Counters stay until their longest window and the pause are over, and a day more.
const KEEP_MS = 86_400_000;

function expiresAt(state: ConnectorState, now: number): number {
  const longestPeriod = Math.max(0, ...Object.keys(state.windows).map(Number));
  const until = Math.max(now + longestPeriod, state.circuit?.pausedUntil ?? 0, state.circuit?.probe?.leaseUntil ?? 0);
  return Math.ceil((until + KEEP_MS) / 1000);
}

/**
 * Connector states in DynamoDB, one item each (layout in {@link StateItem}), changed by
 * optimistic concurrency: a strongly consistent read, the decision, then an update conditional
 * on what the decision relied on. Grants into the same bucket do not conflict while the window
 * has room; a worker whose condition fails reads again and decides again.
 */
export class DynamoStateCell implements StateCell {
  private readonly maxAttempts: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => number,
    options: ContentionOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 30;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  async read(connector: string): Promise<ConnectorState | undefined> {
    const key = { pk: { S: quotaItemKey(connector) } };
    const { Item } = await tableCall(this.tableName, 'GetItem', () =>
      this.client.send(new GetItemCommand({ TableName: this.tableName, Key: key, ConsistentRead: true })),
    );
    if (Item === undefined) return undefined;
    try {
      return stateFromItem(Item);
    } catch (error) {
      throw new QuotaStoreError(`quota table ${this.tableName}: the item of ${connector} is unreadable`, { cause: error });
    }
  }

  async update<R>(connector: string, change: (state: ConnectorState | undefined, now: number) => StateChange<R>): Promise<R> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const state = await this.read(connector);
      const now = this.now();
      const decision = change(state, now);
      if (decision.next === undefined || (await this.write(connector, state, decision, decision.next, now))) return decision.result;
      await this.sleep(this.random() * Math.min(200, 5 * 2 ** attempt));
    }
    throw new QuotaContentionError(`quota of ${connector}: ${this.maxAttempts} writes in a row lost to other workers; nothing was counted`);
  }

  /** Writes the decision unless another worker changed what it relied on (then false). */
  private async write(
    connector: string,
    read: ConnectorState | undefined,
    decision: StateChange<unknown>,
    next: ConnectorState,
    now: number,
  ): Promise<boolean> {
    const update = updateFor(read, decision, next, expiresAt(next, now));
    try {
      await this.client.send(new UpdateItemCommand({ TableName: this.tableName, Key: { pk: { S: quotaItemKey(connector) } }, ...update }));
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw new QuotaStoreError(`quota table ${this.tableName}: UpdateItem failed`, { cause: error });
    }
  }
}

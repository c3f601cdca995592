import { DynamoQuotaStore, MemoryQuotaStore, type QuotaStore, type QuotaStoreOptions } from '../../shared/quota';
import type { DynamoOnLoopback } from './dynalite-server';

/** How a behavioural suite gets a fresh, empty store of one kind. */
export interface StoreKind {
  name: string;
  create(options: QuotaStoreOptions): Promise<QuotaStore>;
}

/** The two stores, so the same `describe.each` runs every behaviour against both. */
export const storeKinds = (dynamo: DynamoOnLoopback): StoreKind[] => [
  { name: 'MemoryQuotaStore', create: async (options) => new MemoryQuotaStore(options) },
  {
    name: 'DynamoQuotaStore',
    create: async (options) => new DynamoQuotaStore({ ...options, tableName: await dynamo.createTable(), client: dynamo.client }),
  },
];

/** A clock the test moves; starts on a round date so window arithmetic is easy to read. */
export function fakeClock(start = Date.UTC(2026, 0, 1)): { now: () => number; advance: (ms: number) => void; set: (at: number) => void } {
  let at = start;
  return {
    now: () => at,
    advance: (ms) => {
      at += ms;
    },
    set: (time) => {
      at = time;
    },
  };
}

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_MAX_ANSWER_BYTES } from './answer-encoding';
import { DynamoResultCache } from './dynamo-result-cache';
import { DynamoStateCell, type ContentionOptions } from './dynamo-state-cell';
import { QuotaGate } from './quota-gate';
import type { AcquireResult, CachedAnswer, CallPriority, QuotaPolicy, QuotaStore, QuotaStoreOptions, QuotaUsage } from './quota-store';

export interface DynamoQuotaStoreOptions extends QuotaStoreOptions {
  /** The quota table (layout in {@link QUOTA_TABLE}). */
  tableName: string;
  /** @default a DynamoDBClient for the function's region */
  client?: DynamoDBClient;
  /** How a write that lost to another worker is retried. */
  contention?: ContentionOptions;
}

/**
 * A {@link QuotaStore} shared by every Lambda of a deployment, in one DynamoDB table (see
 * {@link QUOTA_TABLE} for its keys, TTL attribute and the IAM actions a function needs).
 * Counting is atomic across workers: each change is a consistent read and a conditional write.
 * Calls are counted at the time of the granting worker's clock.
 */
export class DynamoQuotaStore implements QuotaStore {
  private readonly gate: QuotaGate;
  private readonly cache: DynamoResultCache;

  constructor(options: DynamoQuotaStoreOptions) {
    const now = options.now ?? Date.now;
    const client = options.client ?? new DynamoDBClient({});
    this.gate = new QuotaGate(new DynamoStateCell(client, options.tableName, now, options.contention), options);
    this.cache = new DynamoResultCache(client, options.tableName, now, options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES);
  }

  acquire(connector: string, policy: QuotaPolicy, priority: CallPriority): Promise<AcquireResult> {
    return this.gate.acquire(connector, policy, priority);
  }

  pause(connector: string, untilMs?: number): Promise<number> {
    return this.gate.pause(connector, untilMs);
  }

  resume(connector: string, probe: string): Promise<void> {
    return this.gate.resume(connector, probe);
  }

  usage(connector: string, policy: QuotaPolicy): Promise<QuotaUsage> {
    return this.gate.usage(connector, policy);
  }

  getCached(key: string): Promise<CachedAnswer | undefined> {
    return this.cache.get(key);
  }

  putCached(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    return this.cache.put(key, value, ttlSeconds);
  }
}

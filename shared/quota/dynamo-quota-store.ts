import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_MAX_ANSWER_BYTES } from './answer-encoding';
import { DynamoResultCache } from './dynamo-result-cache';
import { DynamoStateCell, type ContentionOptions } from './dynamo-state-cell';
import { QuotaGate } from './quota-gate';
import { GatedQuotaStore } from './gated-quota-store';
import type { QuotaStoreOptions } from './quota-store';

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
export class DynamoQuotaStore extends GatedQuotaStore {
  constructor(options: DynamoQuotaStoreOptions) {
    const now = options.now ?? Date.now;
    const client = options.client ?? new DynamoDBClient({});
    super(
      new QuotaGate(new DynamoStateCell(client, options.tableName, now, options.contention), options),
      new DynamoResultCache(client, options.tableName, now, options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES),
    );
  }
}

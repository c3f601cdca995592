import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { encodeAnswer } from './answer-encoding';
import { cacheItemKey } from './dynamo-table';
import { QuotaStoreError } from './errors';
import { tableCall } from './table-call';
import type { CachedAnswer } from './quota-store';

/** Vendor answers in the quota table, one item per key, expired by DynamoDB's TTL and checked on read. */
export class DynamoResultCache {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly now: () => number,
    private readonly maxAnswerBytes: number,
  ) {}

  async get(key: string): Promise<CachedAnswer | undefined> {
    const { Item } = await tableCall(this.tableName, 'GetItem', () =>
      this.client.send(new GetItemCommand({ TableName: this.tableName, Key: { pk: { S: cacheItemKey(key) } } })),
    );
    if (Item === undefined) return undefined;
    const now = this.now();
    // TTL deletion runs up to days late: an expired answer may still be there.
    if (now >= Number(Item.validUntil?.N)) return undefined;
    const storedAt = Number(Item.storedAt?.N);
    try {
      return { value: JSON.parse(Item.answer?.S ?? ''), storedAt, ageMs: now - storedAt };
    } catch (error) {
      throw new QuotaStoreError(`quota table ${this.tableName}: a cached answer is unreadable`, { cause: error });
    }
  }

  async put(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    const json = encodeAnswer(value, ttlSeconds, this.maxAnswerBytes);
    if (json === undefined) return false;
    const storedAt = this.now();
    const validUntil = storedAt + ttlSeconds * 1000;
    const item = {
      pk: { S: cacheItemKey(key) },
      answer: { S: json },
      storedAt: { N: String(storedAt) },
      validUntil: { N: String(validUntil) },
      expiresAt: { N: String(Math.ceil(validUntil / 1000)) },
    };
    await tableCall(this.tableName, 'PutItem', () => this.client.send(new PutItemCommand({ TableName: this.tableName, Item: item })));
    return true;
  }
}

/**
 * The layout of the quota table, for the CDK stack and the tests. One on-demand table holds
 * every connector's counters and every cached answer:
 *
 * | item | `pk` (S, partition key) | other attributes |
 * | --- | --- | --- |
 * | counters and pause | `quota#<connector>` | per window period P in ms: `latest_P` (N), `calls_P` (N), `older_P` (S, JSON); `circuit` (S, JSON) while paused or probing; `expiresAt` |
 * | cached answer | `cache#<key>` (key from {@link cacheKey}, starts with the service name) | `answer` (S, JSON), `storedAt` (N, ms), `validUntil` (N, ms), `expiresAt` |
 *
 * `expiresAt` (N, epoch seconds) is the table's TTL attribute: counters a day after their
 * longest window and pause, answers at the end of their TTL. DynamoDB deletes expired items
 * lazily, so readers check `validUntil` and the windows' times themselves. No sort key, no
 * index, no stream. Expected size: one counters item per connector (a few KB) and one item per
 * cached answer (at most about 350 KB).
 */
export const QUOTA_TABLE = {
  partitionKey: { name: 'pk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  /** All a function needs on the table: no Query, Scan, Delete, batch or transaction. */
  actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
} as const;

/** The partition key of a connector's counters and pause. */
export const quotaItemKey = (connector: string): string => `quota#${connector}`;

/** The partition key of a cached answer. */
export const cacheItemKey = (key: string): string => `cache#${key}`;

/**
 * The partition keys one connector touches, for an IAM condition
 * `ForAllValues:StringLike` on `dynamodb:LeadingKeys`, so a function reads and writes only its
 * own connector's counters and its own service's answers.
 */
export const quotaTableLeadingKeys = (connector: string, service: string): string[] => [
  quotaItemKey(connector),
  cacheItemKey(`${service}/*`),
];

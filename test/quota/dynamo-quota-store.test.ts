import { type DynamoDBClient, GetItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DynamoQuotaStore,
  QUOTA_TABLE,
  QuotaContentionError,
  QuotaStoreError,
  cacheKey,
  parseRateLimit,
  quotaTableLeadingKeys,
  type QuotaPolicy,
} from '../../shared/quota';
import { useDynalite } from './dynalite-server';
import { fakeClock } from './stores';

const dynamo = useDynalite();
const policy: QuotaPolicy = { windows: parseRateLimit('4/m,500/d', 'TEST_RATE_LIMIT') };
const DAY = 86_400_000;

/**
 * A client whose first UpdateItem waits for `competitor` to finish first, so the decision it
 * carries was made on a state another worker has changed since. Counts the reads it makes.
 */
function raceFirstWrite(client: DynamoDBClient, competitor: () => Promise<unknown>): { client: DynamoDBClient; reads: () => number } {
  let raced = false;
  let reads = 0;
  const racing = {
    send: async (command: unknown) => {
      if (command instanceof GetItemCommand) reads++;
      if (command instanceof UpdateItemCommand && !raced) {
        raced = true;
        await competitor();
      }
      return client.send(command as UpdateItemCommand);
    },
  } as unknown as DynamoDBClient;
  return { client: racing, reads: () => reads };
}

describe('DynamoQuotaStore', () => {
  it('writes items as QUOTA_TABLE documents: pk, TTL attribute in epoch seconds past the longest window', async () => {
    const clock = fakeClock();
    const tableName = await dynamo.createTable();
    const store = new DynamoQuotaStore({ tableName, client: dynamo.client, now: clock.now });
    const key = cacheKey({ service: 'abuseipdb', entityType: 'IPv4-Addr', value: '8.8.8.8' });

    await store.acquire('abuseipdb', policy, 'auto');
    await store.putCached(key, { score: 0 }, 3_600);

    const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));
    const byKey = new Map(Items.map((item) => [item[QUOTA_TABLE.partitionKey.name]?.S, item]));
    const quotaTtl = Number(byKey.get('quota#abuseipdb')?.[QUOTA_TABLE.timeToLiveAttribute]?.N);
    const cacheTtl = Number(byKey.get(`cache#${key}`)?.[QUOTA_TABLE.timeToLiveAttribute]?.N);
    expect(quotaTtl).toBeGreaterThanOrEqual((clock.now() + DAY) / 1000);
    expect(cacheTtl).toBe((clock.now() + 3_600_000) / 1000);
  });

  it('keeps every item within the leading keys an IAM condition would allow the connector', async () => {
    const tableName = await dynamo.createTable();
    const store = new DynamoQuotaStore({ tableName, client: dynamo.client, now: fakeClock().now });
    await store.acquire('abuseipdb', policy, 'auto');
    await store.pause('abuseipdb');
    await store.putCached(cacheKey({ service: 'abuseipdb', entityType: 'IPv4-Addr', value: '8.8.8.8' }), {}, 60);

    const { Items = [] } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));
    const allowed = quotaTableLeadingKeys('abuseipdb', 'abuseipdb').map(
      (pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`),
    );
    expect(Items).toHaveLength(2);
    for (const item of Items) expect(allowed.some((pattern) => pattern.test(item.pk?.S ?? ''))).toBe(true);
    expect(
      allowed.some((pattern) => pattern.test(`cache#${cacheKey({ service: 'ipinfo', entityType: 'IPv4-Addr', value: '8.8.8.8' })}`)),
    ).toBe(false);
  });

  it('needs no DynamoDB action beyond QUOTA_TABLE.actions, the grant the stack gives', async () => {
    const actions = new Set<string>();
    const recording = {
      send: (command: { constructor: { name: string } }) => {
        actions.add(`dynamodb:${command.constructor.name.replace(/Command$/, '')}`);
        return dynamo.client.send(command as GetItemCommand);
      },
    } as unknown as DynamoDBClient;
    const clock = fakeClock();
    const store = new DynamoQuotaStore({ tableName: await dynamo.createTable(), client: recording, now: clock.now });

    await store.acquire('vt', policy, 'manual');
    await store.pause('vt', clock.now());
    const probe = await store.acquire('vt', policy, 'auto');
    if (!probe.granted || probe.probe === undefined) throw new Error('expected the probe after the pause');
    await store.resume('vt', probe.probe);
    await store.usage('vt', policy);
    await store.putCached('k', {}, 60);
    await store.getCached('k');

    expect([...actions].sort()).toEqual([...QUOTA_TABLE.actions].sort());
  });

  it.each([
    ['opening a new bucket', '1/m', 0],
    ['counting in the latest bucket', '2/m', 1],
  ])('decides again when another worker took the last slot between its read and its write (%s)', async (_, limit, earlier) => {
    const tableName = await dynamo.createTable();
    const clock = fakeClock();
    const other = new DynamoQuotaStore({ tableName, client: dynamo.client, now: clock.now });
    const tight: QuotaPolicy = { windows: parseRateLimit(limit, 'TEST_RATE_LIMIT'), manualReserve: 0 };
    for (let i = 0; i < earlier; i++) await other.acquire('vt', tight, 'auto');
    const racing = raceFirstWrite(dynamo.client, () => other.acquire('vt', tight, 'auto'));
    const store = new DynamoQuotaStore({ tableName, client: racing.client, now: clock.now });

    const result = await store.acquire('vt', tight, 'auto');

    expect(result).toMatchObject({ granted: false, reason: 'window', window: limit });
    expect(racing.reads()).toBe(2);
    expect((await other.usage('vt', tight)).windows[0]?.used).toBe(earlier + 1);
  });

  it('counts calls made at the same time into the same bucket without a retry while the window has room', async () => {
    const tableName = await dynamo.createTable();
    const clock = fakeClock();
    const other = new DynamoQuotaStore({ tableName, client: dynamo.client, now: clock.now });
    await other.acquire('vt', policy, 'auto');
    const racing = raceFirstWrite(dynamo.client, () => other.acquire('vt', policy, 'auto'));
    const store = new DynamoQuotaStore({ tableName, client: racing.client, now: clock.now });

    expect((await store.acquire('vt', policy, 'auto')).granted).toBe(true);

    expect(racing.reads()).toBe(1);
    expect((await other.usage('vt', policy)).windows.map((w) => w.used)).toEqual([3, 3]);
  });

  it('gives up with a QuotaContentionError, counting nothing, after maxAttempts lost writes', async () => {
    const tableName = await dynamo.createTable();
    const clock = fakeClock();
    const other = new DynamoQuotaStore({ tableName, client: dynamo.client, now: clock.now });
    const racing = raceFirstWrite(dynamo.client, () => other.acquire('vt', policy, 'auto'));
    const store = new DynamoQuotaStore({ tableName, client: racing.client, now: clock.now, contention: { maxAttempts: 1 } });

    await expect(store.acquire('vt', policy, 'auto')).rejects.toThrow(QuotaContentionError);
    expect((await other.usage('vt', policy)).windows[0]?.used).toBe(1);
  });

  it('names the table and the operation when DynamoDB fails, with its error as the cause', async () => {
    const store = new DynamoQuotaStore({ tableName: 'no-such-table', client: dynamo.client });

    const failure = await store.acquire('vt', policy, 'auto').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(QuotaStoreError);
    expect((failure as Error).message).toBe('quota table no-such-table: GetItem failed');
    expect((failure as Error).cause).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

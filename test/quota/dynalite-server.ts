import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { QUOTA_TABLE } from '../../shared/quota';

/** A DynamoDB-API server (dynalite, in memory) on loopback for one test file, and a client for it. */
export interface DynamoOnLoopback {
  client: DynamoDBClient;
  /** Creates a fresh quota table, laid out as QUOTA_TABLE says, and waits until it is active. */
  createTable(): Promise<string>;
}

let tables = 0;

/** Starts dynalite before the file's tests and stops it after them. */
export function useDynalite(): DynamoOnLoopback {
  let server: Server | undefined;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });
  afterAll(async () => {
    client?.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });
  const loopback: DynamoOnLoopback = {
    get client() {
      if (!client) throw new Error('dynalite is not started yet: use the client inside a test');
      return client;
    },
    async createTable() {
      const name = `quota-${++tables}`;
      const { name: key, type } = QUOTA_TABLE.partitionKey;
      await loopback.client.send(
        new CreateTableCommand({
          TableName: name,
          KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: key, AttributeType: type }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      while ((await loopback.client.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus !== 'ACTIVE') {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return name;
    },
  };
  return loopback;
}

import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand, SendMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSRecord } from 'aws-lambda';
import { ConnectorStore, HOLD_ATTRIBUTE, LONG_WAIT_SECONDS, MAX_HOLD_MS } from '../../local/durable/connector-store';
import { RecordFile } from '../../local/durable/record-file';
import { createConnectorQueues } from '../../local/local-sqs';
import { redrive } from '../../local/redrive';
import { FAILED_ATTEMPTS_ATTRIBUTE, QUOTA_WAIT_ATTRIBUTE } from '../../shared/pipeline/attempts';
import type { PipelineDeps } from '../../shared/pipeline/deps';
import { loopbackSqsClient, startFauxqsProcess, type FauxqsProcess } from '../helpers/fauxqs-process';

const record = (id: string, due = 0) => ({ id, due, body: `{"n":"${id}"}`, attributes: { work_id: `w-${id}` } });
const live = (path: string) => new RecordFile(path);

describe('RecordFile: the fsync-ed journal of one connector', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'record-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps added records across a reopen, forgets done ones, and reads bodies back from disk', () => {
    const path = join(dir, 'q', 'journal.jsonl');
    const file = new RecordFile(path);
    file.add(record('a', 30), record('b', 10), record('c', 20));
    file.done('b');
    file.close();
    const again = live(path);
    expect(again.ids().sort()).toEqual(['a', 'c']);
    expect(again.read('a')).toEqual(record('a', 30));
    expect(again.due(25, 10)).toEqual(['c']);
    expect(again.due(100, 10, new Set(['c']))).toEqual(['a']);
    // Private: the folder and the file are this user's only.
    expect(statSync(join(dir, 'q')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    again.close();
  });

  it('drops a line cut short by a crash, and appends after it cleanly', () => {
    const path = join(dir, 'journal.jsonl');
    const file = new RecordFile(path);
    file.add(record('a'));
    file.close();
    appendFileSync(path, '{"op":"add","id":"torn","due":0,"bo');
    const reopened = live(path);
    expect(reopened.ids()).toEqual(['a']);
    reopened.add(record('b'));
    reopened.close();
    expect(live(path).ids()).toEqual(['a', 'b']);
  });

  it('rewrites the file without finished records when it opens', () => {
    const path = join(dir, 'journal.jsonl');
    const file = new RecordFile(path);
    file.add(record('a'), record('b'));
    file.done('a');
    file.close();
    live(path).close();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toEqual([JSON.stringify({ op: 'add', ...record('b') })]);
    expect(live(path).read('b')).toEqual(record('b'));
  });
});

describe('ConnectorStore: every record in the in-memory queue is held by something durable', () => {
  let fauxqs: FauxqsProcess;
  let sqs: { client: SQSClient };
  let dir: string;
  let store: ConnectorStore;
  let urls: { queueUrl: string; queueArn: string; dlqUrl: string };

  beforeAll(async () => {
    fauxqs = await startFauxqsProcess();
    sqs = { client: loopbackSqsClient(fauxqs.endpoint) };
  });
  afterAll(async () => {
    sqs.client.destroy();
    await fauxqs.stop();
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'connector-store-'));
    urls = await createConnectorQueues(sqs.client, `q-${Math.random().toString(36).slice(2)}`, { maxReceives: 5, visibilityTimeout: 30 });
    store = new ConnectorStore({ dir, info: { id: 'c1', name: 'Test', service: 'shodan' }, sqs: sqs.client, ...urls });
  });
  afterEach(async () => {
    await store.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const receive = async (url = urls.queueUrl): Promise<Message[]> =>
    (
      await sqs.client.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }),
      )
    ).Messages ?? [];
  const asRecord = (m: Message, receiveCount = 1): SQSRecord =>
    ({
      messageId: m.MessageId!,
      receiptHandle: m.ReceiptHandle!,
      body: m.Body!,
      attributes: { ApproximateReceiveCount: String(receiveCount) },
      messageAttributes: Object.fromEntries(
        Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, { stringValue: v.StringValue, dataType: 'String' }]),
      ),
    }) as unknown as SQSRecord;
  const send = (attributes: Record<string, string>, url = urls.queueUrl) =>
    sqs.client.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: '{"m":1}',
        MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
      }),
    );
  const settledYet = async (p: Promise<void>) => Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), 50))]);

  it('holds a delivery until its record is finished', async () => {
    const ticket = store.begin();
    await send(ticket.attributes);
    const [message] = await receive();
    expect(await settledYet(ticket.settled)).toBe(false);
    store.finished([asRecord(message!)]);
    expect(await settledYet(ticket.settled)).toBe(true);
  });

  it('leaves deliveries unacked on abort', async () => {
    const ticket = store.begin();
    store.abort();
    await expect(ticket.settled).rejects.toThrow('stopping');
  });

  it('keeps a copy sent again in the journal, and feeds it to the queue when due, until finished', async () => {
    const deps = store.wrapDeps({} as PipelineDeps);
    await deps.sendAgain({ body: '{"again":1}', queueArn: urls.queueArn, attributes: { work_id: 'w', [HOLD_ATTRIBUTE]: 'd1' } }, 0);
    // On disk before sendAgain returned: a kill now loses nothing.
    const [entry] = live(join(dir, 'journal.jsonl')).ids();
    expect(live(join(dir, 'journal.jsonl')).read(entry!)).toMatchObject({ body: '{"again":1}', attributes: { work_id: 'w' } });
    store.start();
    const [fed] = await receive();
    expect(fed!.MessageAttributes?.[HOLD_ATTRIBUTE]?.StringValue).toBe(`j${entry}`);
    expect(store.journal.size).toBe(1);
    store.finished([asRecord(fed!)]);
    expect(store.journal.size).toBe(0);
    expect(live(join(dir, 'journal.jsonl')).size).toBe(0);
  });

  it(`moves a retry further than ${LONG_WAIT_SECONDS} s to the journal (counting the failure), and leaves a short one in the queue`, async () => {
    await send({ work_id: 'w', [QUOTA_WAIT_ATTRIBUTE]: '{}', [HOLD_ATTRIBUTE]: 'd9' });
    await send({ work_id: 'v' });
    const messages = await receive();
    const records = messages.map((m) => asRecord(m, 2));
    const visibility: number[] = [];
    const deps = store.wrapDeps({ changeVisibility: async (_h, _a, seconds) => void visibility.push(seconds) } as PipelineDeps);
    const handler = store.wrapHandler(async (event) => {
      await deps.changeVisibility(event.Records[0]!.receiptHandle, urls.queueArn, LONG_WAIT_SECONDS + 1);
      await deps.changeVisibility(event.Records[1]!.receiptHandle, urls.queueArn, 5);
      return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };
    });
    const response = await handler({ Records: records }, {} as Context);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[1]!.messageId }]);
    expect(visibility).toEqual([5]);
    const journal = live(join(dir, 'journal.jsonl'));
    const kept = journal.read(journal.ids()[0]!)!;
    expect(kept.attributes).toEqual({ work_id: 'w', [FAILED_ATTEMPTS_ATTRIBUTE]: '2' });
    expect(kept.due).toBeGreaterThan(Date.now() + LONG_WAIT_SECONDS * 1000 - 5000);
  });

  it(`moves even a short retry to the journal once its delivery was held ${MAX_HOLD_MS / 60_000} minutes (RabbitMQ's consumer timeout is 30)`, async () => {
    const ticket = store.begin();
    await send(ticket.attributes);
    const [message] = await receive();
    const visibility: number[] = [];
    const deps = store.wrapDeps({ changeVisibility: async (_h, _a, seconds) => void visibility.push(seconds) } as PipelineDeps);
    const handler = store.wrapHandler(async (event) => {
      await deps.changeVisibility(event.Records[0]!.receiptHandle, urls.queueArn, 5);
      return { batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] };
    });
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + MAX_HOLD_MS + 1);
    try {
      expect(await handler({ Records: [asRecord(message!)] }, {} as Context)).toEqual({ batchItemFailures: [] });
    } finally {
      jest.restoreAllMocks();
    }
    expect(visibility).toEqual([]);
    expect(store.journal.size).toBe(1);
  });

  it('moves dead letters to their file and releases what held them', async () => {
    const ticket = store.begin();
    await send({ ...ticket.attributes, claim_check: 'file' }, urls.dlqUrl);
    store.start();
    await expect(ticket.settled).resolves.toBeUndefined();
    const deadLetters = live(join(dir, 'dead-letters.jsonl'));
    expect(deadLetters.read(deadLetters.ids()[0]!)).toMatchObject({ body: '{"m":1}', attributes: { claim_check: 'file' } });
  });
});

describe('npm run redrive', () => {
  let stateDir: string;
  beforeEach(() => (stateDir = mkdtempSync(join(tmpdir(), 'redrive-'))));
  afterEach(() => rmSync(stateDir, { recursive: true, force: true }));

  const folder = (name: string, id: string) => {
    const dir = join(stateDir, 'queues', `svc-${id}`);
    const dlq = new RecordFile(join(dir, 'dead-letters.jsonl'));
    dlq.add({ id: 'x', due: 0, body: '{"b":1}', attributes: { claim_check: 'file', [FAILED_ATTEMPTS_ATTRIBUTE]: '4', work_id: 'w' } });
    dlq.close();
    writeFileSync(join(dir, 'connector.json'), JSON.stringify({ id, name, service: 'svc' }));
    return dir;
  };

  it('moves one connector’s dead letters to its journal, attributes kept and a fresh attempt budget', () => {
    const a = folder('Alpha', 'a1');
    const b = folder('Beta', 'b1');
    expect(redrive(stateDir, 'Alpha')).toEqual([{ name: 'Alpha', moved: 1 }]);
    expect(live(join(a, 'dead-letters.jsonl')).size).toBe(0);
    const journal = live(join(a, 'journal.jsonl'));
    expect(journal.read(journal.ids()[0]!)).toMatchObject({ body: '{"b":1}', attributes: { claim_check: 'file', work_id: 'w' } });
    expect(journal.read(journal.ids()[0]!)!.attributes[FAILED_ATTEMPTS_ATTRIBUTE]).toBeUndefined();
    expect(live(join(b, 'dead-letters.jsonl')).size).toBe(1);
    expect(redrive(stateDir)).toEqual(
      expect.arrayContaining([
        { name: 'Beta', moved: 1 },
        { name: 'Alpha', moved: 0 },
      ]),
    );
  });

  it('names the connectors it knows when the one asked for is not there', () => {
    folder('Alpha', 'a1');
    expect(() => redrive(stateDir, 'Gamma')).toThrow('no connector "Gamma" in ' + stateDir + ' (connectors there: Alpha)');
  });

  it('refuses while npm start uses the folder', () => {
    folder('Alpha', 'a1');
    writeFileSync(join(stateDir, 'run.lock'), JSON.stringify({ pid: process.ppid, host: hostname() }));
    expect(() => redrive(stateDir)).toThrow(`in use by another process (pid ${process.ppid})`);
    // Written in another container on the same volume: not checkable, so not taken over.
    writeFileSync(join(stateDir, 'run.lock'), JSON.stringify({ pid: 1, host: 'another-container' }));
    expect(() => redrive(stateDir)).toThrow(`locked by process 1 on another-container`);
    // A process of this host that is gone: taken over.
    writeFileSync(join(stateDir, 'run.lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname() }));
    expect(redrive(stateDir)).toEqual([{ name: 'Alpha', moved: 1 }]);
  });
});

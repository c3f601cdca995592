import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { startBridge, type Bridge, type ClaimCheckConfig } from '../../functions/bridge';
import type { Message } from '@aws-sdk/client-sqs';
import { claimCheckOf, ClaimChecks, type ClaimCheckPointer } from '../../shared/pipeline';
import { loopbackS3Client, loopbackSqsClient } from '../helpers/fauxqs-process';
import { BridgeHarness, FAST_TIMINGS, listenMessages, silentLogger, waitFor } from './harness';

/** A listen message of about `kib` KiB: an entity with a long description. */
const bigMessage = (connectorId: string, kib: number) =>
  JSON.stringify({
    internal: { work_id: `work_${connectorId}_big`, applicant_id: null },
    event: { entity_id: 'x', entity_type: 'Report', stix_entity: JSON.stringify({ description: 'ü'.repeat(kib * 512) }) },
  });

/** The pointer the bridge put in the message's `claim_check` attribute, if any. */
const pointerOf = (message: Message): ClaimCheckPointer | undefined =>
  claimCheckOf(Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? ''])));

describe('claim check for bodies too large for SQS', () => {
  let harness: BridgeHarness;
  let bridge: Bridge | undefined;
  let dir: string;
  const clients: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    harness = await BridgeHarness.start();
    dir = await mkdtemp(join(tmpdir(), 'bridge-claim-check-'));
  });
  afterEach(async () => {
    await bridge?.stop();
    bridge = undefined;
    clients.splice(0).forEach((client) => client.destroy());
  });
  afterAll(async () => {
    await harness.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (connector: Awaited<ReturnType<BridgeHarness['connector']>>, claimCheck?: ClaimCheckConfig) => {
    const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
    const s3 = loopbackS3Client(harness.fauxqs.endpoint);
    clients.push(sqs, s3);
    bridge = await startBridge({
      config: harness.config([connector], claimCheck ? { claimCheck } : {}),
      sqs,
      s3,
      logger: silentLogger(),
      timings: FAST_TIMINGS,
    });
    return { s3 };
  };

  const fromFolder = (connectorId: string) => new ClaimChecks({ connectorId, storage: { dir } });

  it('stores an oversized body in a local folder, readable by this user only, and sends a pointer the pipeline resolves to the original', async () => {
    const connector = await harness.connector();
    await start(connector, { kind: 'file', dir });
    const big = bigMessage(connector.id, 300);
    const small = listenMessages(connector.id, 3);

    await harness.publish(connector.id, [small[0]!, big, ...small.slice(1)]);
    const received = await harness.receive(connector.queueUrl, 4);

    const pointers = received.filter((m) => pointerOf(m));
    expect(pointers).toHaveLength(1);
    const message = pointers[0]!;
    const pointer = pointerOf(message)!;
    expect(pointer).toEqual({
      file: expect.stringContaining(join(dir, connector.id)),
      bytes: Buffer.byteLength(big),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // The body says the same, for people reading a queue; the pipeline reads only the attribute.
    expect(JSON.parse(message.Body!)).toEqual({ claim_check: pointer });
    expect(message.MessageAttributes).toMatchObject({
      connector_id: { StringValue: connector.id },
      work_id: { StringValue: `work_${connector.id}_big` },
    });
    expect(await fromFolder(connector.id).read(pointer)).toBe(big);
    expect([(await stat(pointer.file!)).mode & 0o777, (await stat(join(dir, connector.id))).mode & 0o777]).toEqual([0o600, 0o700]);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(
      received
        .filter((m) => !pointerOf(m))
        .map((m) => m.Body)
        .sort(),
    ).toEqual([...small].sort());
    await waitFor(() => bridge!.health().connectors[0]!.claimChecked === 1, 2_000, 'counted');
  });

  it('stores an oversized body in S3 and resolves it with an S3 client', async () => {
    const connector = await harness.connector();
    const bucket = `claim-${connector.id.slice(0, 8)}`;
    const { s3 } = await start(connector, { kind: 's3', bucket, prefix: 'claim-check/' });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const big = bigMessage(connector.id, 400);

    await harness.publish(connector.id, [big]);
    const [message] = await harness.receive(connector.queueUrl, 1);

    const pointer = pointerOf(message!);
    expect(pointer?.s3).toEqual({ bucket, key: expect.stringMatching(new RegExp(`^claim-check/${connector.id}/[0-9a-f]{64}\\.json$`)) });
    const claimChecks = new ClaimChecks({
      connectorId: connector.id,
      storage: { s3: { bucket, prefix: 'claim-check/' } },
      s3: async () => s3,
    });
    expect(await claimChecks.read(pointer!)).toBe(big);
  });

  it('sends a body SQS refuses for its characters by claim check instead of retrying it forever', async () => {
    const connector = await harness.connector();
    await start(connector, { kind: 'file', dir });
    const odd = JSON.stringify({ internal: { work_id: 'w' }, event: { note: 'not allowed by SQS: \uffff' } });

    await harness.publish(connector.id, [odd]);
    const [message] = await harness.receive(connector.queueUrl, 1);

    expect(await fromFolder(connector.id).read(pointerOf(message!)!)).toBe(odd);
  });

  it('without a claim-check store, leaves an oversized message unacked in RabbitMQ and reports it', async () => {
    const connector = await harness.connector();
    await start(connector);
    const small = listenMessages(connector.id, 5);

    await harness.publish(connector.id, [bigMessage(connector.id, 300), ...small]);
    const received = await harness.receive(connector.queueUrl, 5);

    expect(received.map((m) => m.Body).sort()).toEqual([...small].sort());
    await waitFor(() => bridge!.health().connectors[0]!.failed >= 1, 2_000, 'failure reported');
    expect(bridge!.health().connectors[0]!.consumer).toMatchObject({ inFlight: 0, held: 1 });
    await bridge!.stop();
    bridge = undefined;
    await waitFor(async () => (await harness.ready(connector.id)) === 1, 5_000, 'message back in the queue');
  });
});

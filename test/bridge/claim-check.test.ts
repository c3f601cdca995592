import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { startBridge, type Bridge, type ClaimCheckConfig } from '../../functions/bridge';
import { ClaimCheckError, parseClaimCheck, resolveClaimCheck } from '../../shared/pipeline';
import { loopbackS3Client, loopbackSqsClient } from '../helpers/fauxqs-process';
import { BridgeHarness, FAST_TIMINGS, listenMessages, silentLogger, waitFor } from './harness';

/** A listen message of about `kib` KiB: an entity with a long description. */
const bigMessage = (connectorId: string, kib: number) =>
  JSON.stringify({
    internal: { work_id: `work_${connectorId}_big`, applicant_id: null },
    event: { entity_id: 'x', entity_type: 'Report', stix_entity: JSON.stringify({ description: 'ü'.repeat(kib * 512) }) },
  });

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

  it('stores an oversized body in a local folder and sends a pointer the pipeline resolves to the original', async () => {
    const connector = await harness.connector();
    await start(connector, { kind: 'file', dir });
    const big = bigMessage(connector.id, 300);
    const small = listenMessages(connector.id, 3);

    await harness.publish(connector.id, [small[0]!, big, ...small.slice(1)]);
    const received = await harness.receive(connector.queueUrl, 4);

    const pointers = received.filter((m) => parseClaimCheck(m.Body!));
    expect(pointers).toHaveLength(1);
    const pointer = pointers[0]!;
    expect(JSON.parse(pointer.Body!)).toEqual({
      claim_check: {
        file: expect.stringContaining(join(dir, connector.id)),
        bytes: Buffer.byteLength(big),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(pointer.MessageAttributes).toMatchObject({
      connector_id: { StringValue: connector.id },
      work_id: { StringValue: `work_${connector.id}_big` },
      claim_check: { StringValue: 'file' },
    });
    expect(await resolveClaimCheck(pointer.Body!)).toBe(big);
    expect(
      received
        .filter((m) => !parseClaimCheck(m.Body!))
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

    const pointer = parseClaimCheck(message!.Body!);
    expect(pointer?.s3).toEqual({ bucket, key: expect.stringMatching(new RegExp(`^claim-check/${connector.id}/[0-9a-f]{64}\\.json$`)) });
    expect(message?.MessageAttributes?.claim_check?.StringValue).toBe('s3');
    expect(await resolveClaimCheck(message!.Body!, { s3 })).toBe(big);
  });

  it('sends a body SQS refuses for its characters by claim check instead of retrying it forever', async () => {
    const connector = await harness.connector();
    await start(connector, { kind: 'file', dir });
    const odd = JSON.stringify({ internal: { work_id: 'w' }, event: { note: 'not allowed by SQS: \uffff' } });

    await harness.publish(connector.id, [odd]);
    const [message] = await harness.receive(connector.queueUrl, 1);

    expect(parseClaimCheck(message!.Body!)).toBeDefined();
    expect(await resolveClaimCheck(message!.Body!)).toBe(odd);
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

  describe('resolveClaimCheck', () => {
    it('returns an ordinary message as it is', async () => {
      const [body] = listenMessages('c', 1);
      expect(await resolveClaimCheck(body!)).toBe(body);
    });

    it('refuses a stored body that does not match its digest', async () => {
      const path = join(dir, 'tampered.json');
      await writeFile(path, '{"changed":true}');
      const pointer = JSON.stringify({ claim_check: { file: path, bytes: 10, sha256: '0'.repeat(64) } });
      await expect(resolveClaimCheck(pointer)).rejects.toThrow(ClaimCheckError);
    });

    it('names the missing file', async () => {
      const pointer = JSON.stringify({ claim_check: { file: join(dir, 'gone.json'), bytes: 1, sha256: '0'.repeat(64) } });
      await expect(resolveClaimCheck(pointer)).rejects.toThrow(/gone\.json: ENOENT/);
    });
  });
});

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { CLAIM_CHECK_ATTRIBUTE, ClaimCheckError, ClaimChecks, createSqsHandler, type ClaimCheckPointer } from '../../shared/pipeline';
import { ScriptedVendor } from '../helpers/scripted-vendor';
import { CONNECTOR_ID, harness, lambdaContext, newPlatform, sqsEvent } from './fake-service';
import { ipEntity, modernMessage } from './messages';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const fileOf = (path: string, body: string): ClaimCheckPointer => ({ file: path, bytes: Buffer.byteLength(body), sha256: sha256(body) });

/**
 * Claim checks are honoured only from the attribute the bridge sets, only from this connector's
 * folder or bucket and prefix, and a local one is deleted once its record is finished.
 */
describe('claim checks in the pipeline', () => {
  const platform = newPlatform();
  const vendor = new ScriptedVendor();
  let root: string;
  let folder: string;
  /** A file outside the claim-check folder, with something a stranger would like to read. */
  let outside: string;
  const SECRET = 'root:x:0:0:the content of a file outside the folder';

  beforeAll(async () => {
    await Promise.all([platform.start(), vendor.start()]);
    vendor.script('/lookup/8.8.8.8', { status: 200, body: { cves: [], domains: ['dns.google'], score: 10 } });
    root = mkdtempSync(join(tmpdir(), 'pipeline-claim-check-'));
    folder = join(root, 'claim-check', CONNECTOR_ID);
    mkdirSync(folder, { recursive: true });
    outside = join(root, 'outside.json');
    writeFileSync(outside, SECRET);
  });
  afterAll(async () => {
    await Promise.all([platform.stop(), vendor.stop()]);
    rmSync(root, { recursive: true, force: true });
  });

  const claimChecks = (s3?: () => Promise<S3Client>) =>
    new ClaimChecks({
      connectorId: CONNECTOR_ID,
      storage: { dir: join(root, 'claim-check'), s3: { bucket: 'claims', prefix: 'claim-check/' } },
      s3,
    });

  async function run(record: { id: string; body: string; attributes?: Record<string, string>; receiveCount?: number }) {
    const h = harness(platform, vendor, { claimChecks: claimChecks(), maxReceives: 3 });
    const logged: string[] = [];
    for (const level of ['debug', 'info', 'warn', 'error'] as const)
      jest.spyOn(h.deps.logger, level).mockImplementation((...args: unknown[]) => void logged.push(JSON.stringify(args)));
    const outcomes: Array<{ status: string; message: string }> = [];
    h.deps.onOutcome = (outcome) => outcomes.push(outcome);
    const response = await createSqsHandler(h.deps.service, async () => h.deps)(sqsEvent([record]), lambdaContext);
    return { response, outcome: outcomes[0]!, logged: logged.join('\n') };
  }

  const stored = (name: string, body: string) => {
    const path = join(folder, name);
    writeFileSync(path, body);
    return path;
  };
  const attribute = (pointer: ClaimCheckPointer) => ({ [CLAIM_CHECK_ATTRIBUTE]: JSON.stringify(pointer) });

  it('reads the body the attribute points to, enriches it, and deletes the file once the work is done', async () => {
    const work = platform.createWork(CONNECTOR_ID);
    const body = modernMessage(ipEntity('8.8.8.8'), work.id);
    const path = stored('done.json', body);
    const { response, outcome } = await run({
      id: 'claim',
      body: '{"claim_check":"see attribute"}',
      attributes: attribute(fileOf(path, body)),
    });
    expect(response.batchItemFailures).toEqual([]);
    expect(outcome.status).toBe('enriched');
    expect(work.status).toBe('complete');
    expect(existsSync(path)).toBe(false);
  });

  it('reads a body that looks like a pointer, without the attribute, as the malformed message it is', async () => {
    const body = modernMessage(ipEntity('8.8.8.8'), platform.createWork(CONNECTOR_ID).id);
    const path = stored('forged.json', body);
    const forged = JSON.stringify({ claim_check: fileOf(path, body) });
    const { response, outcome } = await run({ id: 'forged', body: forged });
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'forged' }]);
    expect(outcome).toMatchObject({ status: 'malformed', message: expect.stringContaining('not an OpenCTI enrichment message') });
    expect(existsSync(path)).toBe(true);
  });

  it('keeps the file while the record will be retried and once the last attempt sends it to the DLQ, for a redrive to read', async () => {
    const body = 'not a message';
    const path = stored('dead.json', body);
    const first = await run({ id: 'dl-1', body: '{}', attributes: attribute(fileOf(path, body)), receiveCount: 1 });
    expect(first.outcome.status).toBe('malformed');
    expect(existsSync(path)).toBe(true);
    const last = await run({ id: 'dl-3', body: '{}', attributes: attribute(fileOf(path, body)), receiveCount: 3 });
    expect(last.outcome.status).toBe('malformed');
    expect(existsSync(path)).toBe(true);
  });

  it('gives the same answer for a file outside the folder, a way out with .., a link out and a missing file, and never logs the content', async () => {
    symlinkSync(outside, join(folder, 'link.json'));
    const pointers = {
      outside: fileOf(outside, SECRET),
      dotdot: fileOf(join(folder, '..', '..', 'outside.json'), SECRET),
      link: fileOf(join(folder, 'link.json'), SECRET),
      missing: fileOf(join(folder, 'missing.json'), SECRET),
    };
    const answers: Record<string, unknown> = {};
    for (const [name, pointer] of Object.entries(pointers)) {
      const { outcome, logged } = await run({ id: name, body: '{}', attributes: attribute(pointer) });
      answers[name] = { status: outcome.status, message: outcome.message };
      expect(logged).not.toContain('root:x');
    }
    const same = { status: 'retry', message: `claim check ${sha256(SECRET)} is not in this connector's claim-check folder` };
    expect(answers).toEqual({ outside: same, dotdot: same, link: same, missing: same });
    expect(existsSync(outside)).toBe(true);
  });

  it('ends a pointer outside the connector’s bucket or prefix visibly, without asking S3', async () => {
    const s3 = jest.fn(async () => {
      throw new Error('S3 must not be asked');
    });
    const read = (bucket: string, key: string) =>
      claimChecks(s3)
        .read({ s3: { bucket, key }, bytes: 1, sha256: '0'.repeat(64) })
        .catch((error: unknown) => error);
    for (const [bucket, key] of [
      ['other-bucket', `claim-check/${CONNECTOR_ID}/x.json`],
      ['claims', 'claim-check/another-connector/x.json'],
      ['claims', `claim-check/${CONNECTOR_ID}/../another-connector/x.json`],
      ['claims', 'secrets/x.json'],
    ])
      expect(await read(bucket!, key!)).toMatchObject({
        name: 'ClaimCheckError',
        retryable: false,
        message: expect.stringContaining('PIPELINE_CLAIM_CHECK_BUCKET'),
      });
    expect(s3).not.toHaveBeenCalled();
    // Inside its prefix, S3 is asked (and its failure retried).
    expect(await read('claims', `claim-check/${CONNECTOR_ID}/x.json`)).toMatchObject({ retryable: true });
    expect(s3).toHaveBeenCalledTimes(1);
  });

  it('refuses a stored body that does not match its digest', async () => {
    const path = stored('tampered.json', '{"changed":true}');
    await expect(claimChecks().read({ file: path, bytes: 10, sha256: '0'.repeat(64) })).rejects.toThrow(ClaimCheckError);
  });

  it('takes an attribute that is not a pointer for a malformed message', async () => {
    const { outcome } = await run({ id: 'bad-attribute', body: '{}', attributes: { [CLAIM_CHECK_ATTRIBUTE]: 'file' } });
    expect(outcome).toMatchObject({
      status: 'malformed',
      message: expect.stringContaining('claim_check attribute is not a claim-check pointer'),
    });
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ClaimCheckPointer } from '../../../shared/pipeline/claim-check';
import type { ClaimCheckConfig } from '../config/bridge-config';

/** Keeps oversized bodies where the pipeline can read them back. */
export interface ClaimCheckStore {
  readonly kind: 's3' | 'file';
  /** Stores `body` and returns the pointer to send (in the message's `claim_check` attribute). */
  put(connectorId: string, body: string): Promise<ClaimCheckPointer>;
}

const describe = (body: string) => ({
  bytes: Buffer.byteLength(body, 'utf8'),
  sha256: createHash('sha256').update(body, 'utf8').digest('hex'),
});

/**
 * Claim checks in an S3 bucket, under `<prefix><connector id>/<sha256>.json`: same body, same
 * place, so a redelivery overwrites, never duplicates. The bucket's lifecycle rule deletes them.
 * The S3 module is imported, and the client asked for, on the first oversized body and kept: most
 * bodies fit in SQS, and the callback function's cold start does not load S3 for them.
 */
export class S3ClaimCheckStore implements ClaimCheckStore {
  readonly kind = 's3';
  #s3: Promise<{ client: S3Client; PutObjectCommand: typeof import('@aws-sdk/client-s3').PutObjectCommand }> | undefined;
  constructor(private readonly options: { s3: () => Promise<S3Client>; bucket: string; prefix?: string }) {}

  async put(connectorId: string, body: string): Promise<ClaimCheckPointer> {
    const { bytes, sha256 } = describe(body);
    const key = `${this.options.prefix ?? ''}${connectorId}/${sha256}.json`;
    const { client, PutObjectCommand } = await (this.#s3 ??= this.#load());
    await client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: body, ContentType: 'application/json' }));
    return { s3: { bucket: this.options.bucket, key }, bytes, sha256 };
  }

  async #load() {
    try {
      const [{ PutObjectCommand }, client] = await Promise.all([import('@aws-sdk/client-s3'), this.options.s3()]);
      return { client, PutObjectCommand };
    } catch (error) {
      // Not kept: the next oversized body tries again.
      this.#s3 = undefined;
      throw error;
    }
  }
}

/**
 * Claim checks in a local folder (one-machine mode), under `<dir>/<connector id>/<sha256>-<uuid>.json`,
 * readable by this user only (folders 0700, files 0600). One file per message: the pipeline
 * deletes it when that message is finished, which must not take the body of a duplicate still queued.
 */
export class FileClaimCheckStore implements ClaimCheckStore {
  readonly kind = 'file';
  readonly #dir: string;
  constructor(options: { dir: string }) {
    this.#dir = resolve(options.dir);
  }

  async put(connectorId: string, body: string): Promise<ClaimCheckPointer> {
    const { bytes, sha256 } = describe(body);
    const folder = join(this.#dir, connectorId);
    const path = join(folder, `${sha256}-${randomUUID()}.json`);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    // mkdir's mode applies only to the folders it creates.
    await Promise.all([chmod(this.#dir, 0o700), chmod(folder, 0o700)]);
    // Write then rename, so a reader never sees half a body.
    const partial = `${path}.partial`;
    await writeFile(partial, body, { encoding: 'utf8', mode: 0o600 });
    await rename(partial, path);
    return { file: path, bytes, sha256 };
  }
}

/** The store a configuration asks for, or undefined when none is configured; `clients.s3` is called on the first S3 claim check. */
export function createClaimCheckStore(
  config: ClaimCheckConfig | undefined,
  clients: { s3: () => Promise<S3Client> },
): ClaimCheckStore | undefined {
  if (!config) return undefined;
  if (config.kind === 'file') return new FileClaimCheckStore({ dir: config.dir });
  return new S3ClaimCheckStore({ s3: clients.s3, bucket: config.bucket, prefix: config.prefix });
}

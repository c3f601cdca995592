import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, realpath, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { MalformedMessageError, PipelineError } from './errors';
import { printable } from './printable';

/**
 * The SQS message attribute that carries a claim-check pointer. Only the bridge sets it: the
 * callback ingress and the RabbitMQ consumer forward a body and nothing else, so a sender cannot
 * set it, and a body that merely looks like a pointer is read as the (malformed) message it is.
 */
export const CLAIM_CHECK_ATTRIBUTE = 'claim_check';

/**
 * Where the bridge stored a body too large for SQS: the stored object holds the original body
 * byte for byte; `sha256` (hex) and `bytes` describe it. See functions/bridge/README.md.
 */
export interface ClaimCheckPointer {
  s3?: { bucket: string; key: string };
  file?: string;
  bytes: number;
  sha256: string;
}

/**
 * Where this connector's claim checks may be, and nowhere else: the bridge writes
 * `<dir>/<connector id>/<sha256>.json` (`npm start`) or `s3://<bucket>/<prefix><connector id>/<sha256>.json` (AWS).
 */
export interface ClaimCheckStorage {
  /** The bridge's claim-check folder (one machine). */
  dir?: string;
  /** `PIPELINE_CLAIM_CHECK_BUCKET` and `PIPELINE_CLAIM_CHECK_PREFIX` (AWS). */
  s3?: { bucket: string; prefix: string };
}

/**
 * A claim check that cannot be honoured. Retryable by default (storage may be reachable on the
 * next attempt; a body that never reads ends in the dead-letter queue after the queue's
 * receives); a pointer outside the connector's bucket and prefix is not.
 */
export class ClaimCheckError extends PipelineError {
  override readonly name = 'ClaimCheckError';
  readonly retryable: boolean;
  constructor(message: string, options: ErrorOptions & { retryable?: boolean } = {}) {
    const { retryable = true, ...errorOptions } = options;
    super(message, errorOptions);
    this.retryable = retryable;
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The pointer in the record's `claim_check` attribute, or undefined when it has none (an ordinary
 * message, whatever its body looks like). An attribute that is not a pointer makes the message
 * malformed.
 */
export function claimCheckOf(attributes: Readonly<Record<string, string>> | undefined): ClaimCheckPointer | undefined {
  const value = attributes?.[CLAIM_CHECK_ATTRIBUTE];
  if (value === undefined) return undefined;
  let pointer: Partial<ClaimCheckPointer> | null = null;
  try {
    pointer = JSON.parse(value) as Partial<ClaimCheckPointer> | null;
  } catch {
    // Reported below.
  }
  const s3 = pointer?.s3;
  const where = s3 ? typeof s3.bucket === 'string' && typeof s3.key === 'string' : typeof pointer?.file === 'string';
  if (!pointer || !where || typeof pointer.sha256 !== 'string' || !SHA256.test(pointer.sha256) || typeof pointer.bytes !== 'number')
    throw new MalformedMessageError(`the ${CLAIM_CHECK_ATTRIBUTE} attribute is not a claim-check pointer: ${printable(value)}`);
  return pointer as ClaimCheckPointer;
}

/** What {@link ClaimChecks} needs. */
export interface ClaimChecksOptions {
  connectorId: string;
  storage: ClaimCheckStorage;
  /** For `s3` pointers, made on first need. */
  s3?: () => Promise<S3Client>;
}

/**
 * Reads the bodies the bridge stored aside for one connector, from its own folder or its own
 * bucket and prefix only, and deletes a local one once its record is finished. The content is
 * never put in an error or a log line.
 */
export class ClaimChecks {
  constructor(private readonly options: ClaimChecksOptions) {}

  /** The original body, after checking its SHA-256. */
  async read(pointer: ClaimCheckPointer): Promise<string> {
    const stored = pointer.s3 ? await this.#readS3(pointer.s3) : await this.#readFile(pointer);
    const digest = createHash('sha256').update(stored, 'utf8').digest('hex');
    if (digest !== pointer.sha256) throw new ClaimCheckError(`claim check ${pointer.sha256} does not match its sha256`);
    return stored;
  }

  /**
   * The record is finished (or on its way to the dead-letter queue): its local file goes. An S3
   * object is left to the bucket's lifecycle rule (the function may only read).
   */
  async release(pointer: ClaimCheckPointer): Promise<void> {
    if (pointer.s3) return;
    // Nothing of ours to delete when the file is gone or not in the folder.
    const path = await this.#confined(pointer).catch(() => undefined);
    if (path)
      await unlink(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
  }

  async #readS3(location: { bucket: string; key: string }): Promise<string> {
    const allowed = this.options.storage.s3;
    const where = `s3://${printable(location.bucket)}/${printable(location.key)}`;
    if (!allowed || !this.options.s3)
      throw new ClaimCheckError(`message is a claim check in ${where} but PIPELINE_CLAIM_CHECK_BUCKET is not set`);
    const prefix = `${allowed.prefix}${this.options.connectorId}/`;
    if (location.bucket !== allowed.bucket || !location.key.startsWith(prefix) || location.key.split('/').includes('..'))
      throw new ClaimCheckError(
        `claim check ${where} is outside this connector's bucket and prefix (s3://${allowed.bucket}/${prefix}: PIPELINE_CLAIM_CHECK_BUCKET, PIPELINE_CLAIM_CHECK_PREFIX)`,
        { retryable: false },
      );
    try {
      // Loaded only when a claim check arrives: most functions never need the S3 client.
      const { GetObjectCommand } = await import('@aws-sdk/client-s3');
      const object = await (await this.options.s3()).send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
      return (await object.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      throw new ClaimCheckError(`cannot read claim check ${where}: ${(error as Error).name}`, { cause: error });
    }
  }

  async #readFile(pointer: ClaimCheckPointer): Promise<string> {
    const path = await this.#confined(pointer);
    try {
      // O_NOFOLLOW: a symbolic link put in place after the check is not followed either.
      const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        return await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch {
      throw this.#unreadable(pointer);
    }
  }

  /**
   * The pointer's file, symbolic links resolved, when it lies directly in this connector's folder.
   * A file elsewhere, a `..` or a link out, and a missing file get the same answer, so a pointer
   * cannot tell whether a file exists.
   */
  async #confined(pointer: ClaimCheckPointer): Promise<string> {
    const dir = this.options.storage.dir;
    if (!dir) throw new ClaimCheckError(`message is a claim check in a local file but this connector has no claim-check folder`);
    const file = pointer.file ?? '';
    if (file.split(/[\\/]/).includes('..')) throw this.#unreadable(pointer);
    try {
      const [real, folder] = await Promise.all([realpath(file), realpath(resolve(dir, this.options.connectorId))]);
      if (dirname(real) === folder) return real;
    } catch {
      // The same answer as below; the error itself (a path, a code) stays here.
    }
    throw this.#unreadable(pointer);
  }

  #unreadable(pointer: ClaimCheckPointer): ClaimCheckError {
    return new ClaimCheckError(`claim check ${pointer.sha256} is not in this connector's claim-check folder`);
  }
}

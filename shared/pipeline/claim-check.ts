import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { PipelineError } from './errors';

/**
 * What the bridge sends to SQS instead of a body too large for it. The stored object holds the
 * original body byte for byte; `sha256` (hex) and `bytes` describe it. See functions/bridge/README.md.
 */
export interface ClaimCheckPointer {
  claim_check: {
    s3?: { bucket: string; key: string };
    file?: string;
    bytes: number;
    sha256: string;
  };
}

/** What {@link resolveClaimCheck} needs to read a stored body back. */
export interface ClaimCheckReaders {
  /** For `s3` pointers. */
  s3?: S3Client;
  /** For `file` pointers. @default fs.readFile as UTF-8 */
  readFile?: (path: string) => Promise<string>;
}

/**
 * A claim check that cannot be honoured: missing object, wrong digest, no reader for its kind.
 * Retryable: storage may be reachable on the next attempt; a body that never matches ends in the
 * dead-letter queue after the queue's receives.
 */
export class ClaimCheckError extends PipelineError {
  override readonly name = 'ClaimCheckError';
  readonly retryable = true;
}

/** The pointer in `body`, or undefined when `body` is an ordinary message. */
export function parseClaimCheck(body: string): ClaimCheckPointer['claim_check'] | undefined {
  // Pointers are small; an OpenCTI message never has a top-level `claim_check` key.
  if (body.length > 4096 || !body.includes('"claim_check"')) return undefined;
  try {
    const pointer = (JSON.parse(body) as Partial<ClaimCheckPointer> | null)?.claim_check;
    if (pointer && typeof pointer.sha256 === 'string' && (pointer.s3 || typeof pointer.file === 'string')) return pointer;
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * The original message body: `body` itself, or, when `body` is a claim-check pointer the bridge
 * sent for a message too large for SQS, the stored body after checking its SHA-256. The stored
 * object is left in place (a retry may need it again): expire it with a lifecycle rule.
 */
export async function resolveClaimCheck(body: string, readers: ClaimCheckReaders = {}): Promise<string> {
  const pointer = parseClaimCheck(body);
  if (!pointer) return body;
  let stored: string;
  if (pointer.s3) {
    if (!readers.s3)
      throw new ClaimCheckError(`message is a claim check in s3://${pointer.s3.bucket}/${pointer.s3.key} but no S3 client was given`);
    try {
      // Loaded only when a claim check arrives: most functions never need the S3 client.
      const { GetObjectCommand } = await import('@aws-sdk/client-s3');
      const object = await readers.s3.send(new GetObjectCommand({ Bucket: pointer.s3.bucket, Key: pointer.s3.key }));
      stored = (await object.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      throw new ClaimCheckError(`cannot read claim check s3://${pointer.s3.bucket}/${pointer.s3.key}: ${(error as Error).name}`, {
        cause: error,
      });
    }
  } else {
    const path = pointer.file as string;
    try {
      stored = await (readers.readFile ?? ((p: string) => readFile(p, 'utf8')))(path);
    } catch (error) {
      throw new ClaimCheckError(
        `cannot read claim check file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        { cause: error },
      );
    }
  }
  const digest = createHash('sha256').update(stored, 'utf8').digest('hex');
  if (digest !== pointer.sha256)
    throw new ClaimCheckError(`claim check ${pointer.s3 ? pointer.s3.key : pointer.file} does not match its sha256`);
  return stored;
}

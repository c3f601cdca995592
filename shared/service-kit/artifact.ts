import { OpenCtiFileTooLargeError } from '../opencti/errors';
import { NonRetryableError } from '../pipeline/errors';
import type { LookupContext } from '../pipeline/service';
import { OPENCTI_EXTENSION_ID } from '../stix';

/** The content of an Artifact, ready to upload to a sandbox. */
export interface ArtifactContent {
  /** The stored file's name, when the platform gave one. */
  name?: string;
  mimeType?: string;
  content: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

interface StoredFile {
  name?: unknown;
  uri?: unknown;
  mime_type?: unknown;
}

/** The files the platform lists for the entity: its extension's `files` (OpenCTI 5.x and later) or the older `x_opencti_files`. */
function storedFiles(entity: LookupContext['entity']): StoredFile[] {
  const extension = (entity.extensions as Record<string, { files?: unknown }> | undefined)?.[OPENCTI_EXTENSION_ID];
  const listed = extension?.files ?? entity.x_opencti_files;
  return Array.isArray(listed) ? listed.filter((f): f is StoredFile => typeof f === 'object' && f !== null) : [];
}

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The bytes of the Artifact to enrich: its STIX `payload_bin` when it carries one, otherwise the
 * first file the platform stores for it (an uploaded sample), downloaded from OpenCTI with the
 * connector's token; undefined when there is neither (or for any other entity type). A file over
 * `maxBytes` ends the record with a message naming the vendor's limit.
 */
export async function artifactContent(
  ctx: LookupContext<unknown>,
  limit: { maxBytes: number; vendor: string },
): Promise<ArtifactContent | undefined> {
  if (ctx.entityType !== 'Artifact') return undefined;
  const tooLarge = () =>
    new NonRetryableError(`the artifact is larger than the ${sizeText(limit.maxBytes)} ${limit.vendor} takes for analysis`);
  const payload = typeof ctx.entity.payload_bin === 'string' ? ctx.entity.payload_bin.replace(/\s/g, '') : '';
  if (payload && BASE64.test(payload)) {
    const content = Buffer.from(payload, 'base64');
    if (content.length > limit.maxBytes) throw tooLarge();
    return { content, mimeType: text(ctx.entity.mime_type) };
  }
  const stored = storedFiles(ctx.entity).find((f) => text(f.uri)?.startsWith('/storage/get/'));
  if (!stored || !ctx.openctiFile) return undefined;
  const content = await ctx.openctiFile(stored.uri as string, limit.maxBytes).catch((error: unknown) => {
    throw error instanceof OpenCtiFileTooLargeError ? tooLarge() : error;
  });
  if (!content) return undefined;
  return { content, name: text(stored.name), mimeType: text(stored.mime_type) ?? text(ctx.entity.mime_type) };
}

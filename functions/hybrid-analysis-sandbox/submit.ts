import { parseVendorAnswer, type FileHashes, type LookupContext } from '../../shared/service-kit';
import { comeBackFor } from './come-back';
import type { HybridAnalysisOptions } from './options';
import { haHeaders } from './requests';
import { submitResponseSchema } from './schema';

type Context = LookupContext<HybridAnalysisOptions>;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The content of an Artifact that carries it (STIX `payload_bin`, base64), when uploads are
 * switched on (`HYBRID_ANALYSIS_SANDBOX_FILE_UPLOAD_UNSEEN_ARTIFACTS`); undefined otherwise. A
 * StixFile holds no content, and an Artifact stored only as a file in OpenCTI is not uploaded.
 */
export function uploadableContent(ctx: Context): Buffer | undefined {
  if (!ctx.options.fileUploadUnseenArtifacts || ctx.entityType !== 'Artifact') return undefined;
  const payload = typeof ctx.entity.payload_bin === 'string' ? ctx.entity.payload_bin.replace(/\s/g, '') : '';
  return payload && BASE64.test(payload) ? Buffer.from(payload, 'base64') : undefined;
}

/**
 * `POST /submit/file` (multipart: the file and the sandbox environment), then a come-back for the
 * analysis: the sandbox needs minutes, and the function never waits for it.
 */
export async function submitArtifact(ctx: Context, content: Buffer, hashes: FileHashes): Promise<never> {
  const form = new FormData();
  form.append('file', new Blob([content]), `${hashes['SHA-256'] ?? hashes['SHA-1'] ?? hashes.MD5}.bin`);
  form.append('environment_id', String(ctx.options.environmentId));
  const response = await ctx.http.post<unknown>('/submit/file', form, { headers: { Accept: 'application/json', ...haHeaders(ctx) } });
  const { job_id: jobId } = parseVendorAnswer(submitResponseSchema, response.data, 'POST /submit/file');
  return comeBackFor(jobId, 0, `submitted to Hybrid Analysis as analysis ${jobId}`);
}

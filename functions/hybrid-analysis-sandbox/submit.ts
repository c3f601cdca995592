import { artifactContent, parseVendorAnswer, type ArtifactContent, type FileHashes, type LookupContext } from '../../shared/service-kit';
import { comeBackFor } from './come-back';
import type { HybridAnalysisOptions } from './options';
import { haHeaders } from './requests';
import { submitResponseSchema } from './schema';

type Context = LookupContext<HybridAnalysisOptions>;

/** Hybrid Analysis's submission form takes files of 100 MB at most. */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/**
 * The content of an Artifact (its `payload_bin`, or the sample the platform stores for it) when
 * uploads are switched on (`HYBRID_ANALYSIS_SANDBOX_FILE_UPLOAD_UNSEEN_ARTIFACTS`); undefined
 * otherwise, and always for a StixFile, which holds no content.
 */
export async function uploadableContent(ctx: Context): Promise<ArtifactContent | undefined> {
  if (!ctx.options.fileUploadUnseenArtifacts) return undefined;
  return artifactContent(ctx, { maxBytes: MAX_UPLOAD_BYTES, vendor: 'Hybrid Analysis' });
}

/**
 * `POST /submit/file` (multipart: the file and the sandbox environment), then a come-back for the
 * analysis: the sandbox needs minutes, and the function never waits for it.
 */
export async function submitArtifact(ctx: Context, artifact: ArtifactContent, hashes: FileHashes): Promise<never> {
  const form = new FormData();
  form.append('file', new Blob([artifact.content]), artifact.name ?? `${hashes['SHA-256'] ?? hashes['SHA-1'] ?? hashes.MD5}.bin`);
  form.append('environment_id', String(ctx.options.environmentId));
  const response = await ctx.http.post<unknown>('/submit/file', form, { headers: { Accept: 'application/json', ...haHeaders(ctx) } });
  const { job_id: jobId } = parseVendorAnswer(submitResponseSchema, response.data, 'POST /submit/file');
  return comeBackFor(jobId, 0, `submitted to Hybrid Analysis as analysis ${jobId}`);
}

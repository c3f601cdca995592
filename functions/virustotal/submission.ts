import * as z from 'zod';
import {
  artifactContent,
  ComeBackLaterError,
  getJson,
  NonRetryableError,
  parseVendorAnswer,
  vendorPath,
  type LookupContext,
} from '../../shared/service-kit';
import { authHeaders } from './api';
import type { VirusTotalOptions } from './options';
import { analysisResponseSchema, submissionResponseSchema } from './schema';
import type { Target } from './target';

/** Checks of one analysis before giving up: about 8 minutes for a URL, 25 for a file. */
export const MAX_CHECKS = 10;

/** What a later delivery needs to go on: the analysis, and how many times it was checked for. */
const comeBackSchema = z.object({ analysisId: z.string().regex(/^[A-Za-z0-9+/=_:-]{1,200}$/), checks: z.number().int().min(1) });
type ComeBack = z.infer<typeof comeBackSchema>;

/** VirusTotal scans a URL in seconds and runs a file through its engines in minutes. */
const delaySeconds = (target: Target, checks: number): number =>
  target.kind === 'url' ? Math.min(15 * checks, 60) : Math.min(60 + 30 * (checks - 1), 180);

const what = (target: Target): string => (target.kind === 'url' ? 'URL' : 'artifact');

function comeBack(target: Target, state: ComeBack): ComeBackLaterError {
  return new ComeBackLaterError(
    `the ${what(target)} was new to VirusTotal and is being analysed; checking for the result (${state.checks} of ${MAX_CHECKS})`,
    { delaySeconds: delaySeconds(target, state.checks), state },
  );
}

/** VirusTotal takes files of 32 MB at most on `POST /files`. */
const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

/**
 * `POST /urls` (https://docs.virustotal.com/reference/scan-url), or `POST /files` with the artifact's
 * content: its `payload_bin`, or the sample the platform stores for it.
 */
async function submit(ctx: LookupContext<VirusTotalOptions>, target: Target): Promise<string | undefined> {
  const headers = { ...authHeaders(ctx), Accept: 'application/json' };
  if (target.kind === 'url') {
    if (!ctx.options.urlUploadUnseen) return undefined;
    const form = new URLSearchParams({ url: target.value }).toString();
    const response = await ctx.http.post<unknown>('/urls', form, {
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    return parseVendorAnswer(submissionResponseSchema, response.data, 'POST /urls').data.id;
  }
  if (!ctx.options.fileUploadUnseenArtifacts) return undefined;
  const artifact = await artifactContent(ctx, { maxBytes: MAX_UPLOAD_BYTES, vendor: 'VirusTotal' });
  if (!artifact) return undefined;
  const body = new FormData();
  body.append('file', new Blob([artifact.content], artifact.mimeType ? { type: artifact.mimeType } : {}), artifact.name ?? target.value);
  const response = await ctx.http.post<unknown>('/files', body, { headers });
  return parseVendorAnswer(submissionResponseSchema, response.data, 'POST /files').data.id;
}

/**
 * An entity VirusTotal has never seen: submitted for analysis when the settings allow it, and a
 * later delivery of the message comes back for the result ({@link awaitAnalysis}); undefined (no
 * data) otherwise.
 */
export async function submitUnseen(ctx: LookupContext<VirusTotalOptions>, target: Target): Promise<undefined> {
  const analysisId = await submit(ctx, target);
  if (analysisId === undefined) return undefined;
  throw comeBack(target, { analysisId, checks: 1 });
}

/**
 * On a later delivery: returns once the analysis is complete, so the lookup reads the object
 * again; comes back later while it is queued or running, until {@link MAX_CHECKS}.
 */
export async function awaitAnalysis(ctx: LookupContext<VirusTotalOptions>, target: Target, resume: unknown): Promise<void> {
  const parsed = comeBackSchema.safeParse(resume);
  if (!parsed.success) throw new NonRetryableError('the message came back without a VirusTotal analysis to check for');
  const state = parsed.data;
  const { data } = await getJson(ctx, vendorPath`/analyses/${state.analysisId}`, analysisResponseSchema, {
    headers: authHeaders(ctx),
  });
  if (data.attributes.status === 'completed') return;
  if (state.checks >= MAX_CHECKS)
    throw new NonRetryableError(
      `VirusTotal had not finished analysing the submitted ${what(target)} after ${MAX_CHECKS} checks (analysis ${state.analysisId}); enrich it again later`,
    );
  throw comeBack(target, { analysisId: state.analysisId, checks: state.checks + 1 });
}

import { hashesOf, NonRetryableError, type FileHashes, type LookupContext } from '../../shared/service-kit';
import { comeBackFor, waitOf, type AnalysisWait } from './come-back';
import type { HybridAnalysisOptions } from './options';
import { reportState, reportSummary, searchHash } from './requests';
import type { HybridAnalysisSummary } from './schema';
import { submitArtifact, uploadableContent } from './submit';

type Context = LookupContext<HybridAnalysisOptions>;

const RUNNING = new Set(['IN_QUEUE', 'IN_PROGRESS']);

/** The strongest hash the entity has (the Python connector took whichever came last). */
const strongest = (hashes: FileHashes): string => (hashes['SHA-256'] ?? hashes['SHA-1'] ?? hashes.MD5)!;

/** A come-back: look at the analysis again; its summary once done, an error naming it if it failed. */
async function lookAgain(ctx: Context, wait: AnalysisWait): Promise<HybridAnalysisSummary> {
  const { state, error, error_type: errorType } = await reportState(ctx, wait.jobId);
  if (state === 'SUCCESS') return reportSummary(ctx, wait.jobId);
  if (state === 'ERROR') {
    throw new NonRetryableError(
      `Hybrid Analysis could not analyse the sample (analysis ${wait.jobId}): ${error ?? errorType ?? 'no reason given'}`,
    );
  }
  if (!RUNNING.has(state))
    throw new NonRetryableError(`unexpected answer from Hybrid Analysis: analysis ${wait.jobId} is in state ${state}`);
  return comeBackFor(wait.jobId, wait.comeBacks, `analysis ${wait.jobId} is ${state.toLowerCase().replace('_', ' ')}`);
}

/**
 * The sample's finished analysis, found by hash (`GET /search/hash`, then the summary of a
 * successful report). An analysis still running at Hybrid Analysis, or an Artifact uploaded because
 * it was never seen (only when switched on), is come back for later through the queue. Undefined
 * when Hybrid Analysis has no analysis and nothing is uploaded.
 */
export async function lookupHybridAnalysis(ctx: Context): Promise<HybridAnalysisSummary | undefined> {
  const wait = waitOf(ctx.resume);
  if (wait) return lookAgain(ctx, wait);
  const hashes = hashesOf(ctx.entity);
  const reports = (await searchHash(ctx, strongest(hashes)))?.reports ?? [];
  const done = reports.find((r) => r.state === 'SUCCESS');
  if (done) return reportSummary(ctx, done.id);
  const running = reports.find((r) => r.state !== undefined && RUNNING.has(r.state));
  if (running) return comeBackFor(running.id, 0, `Hybrid Analysis is analysing the sample (analysis ${running.id})`);
  const artifact = await uploadableContent(ctx);
  return artifact ? submitArtifact(ctx, artifact, hashes) : undefined;
}

import { getJson, vendorPath, type LookupContext } from '../../shared/service-kit';
import type { HybridAnalysisOptions } from './options';
import { searchResponseSchema, stateResponseSchema, summaryResponseSchema, type HybridAnalysisSummary } from './schema';

type Context = LookupContext<HybridAnalysisOptions>;

/**
 * The headers every request carries: the key, and the user agent Hybrid Analysis asks API clients
 * to send (other agents may be refused by its filtering).
 */
export const haHeaders = (ctx: Context) => ({ 'api-key': ctx.apiKey, 'user-agent': 'Falcon Sandbox' });

/** `GET /search/hash`: the sample's analyses, or undefined when Hybrid Analysis has never seen it (404). */
export const searchHash = (ctx: Context, hash: string) =>
  getJson(ctx, '/search/hash', searchResponseSchema, { params: { hash }, headers: haHeaders(ctx), notFoundIsNoData: true });

/** `GET /report/{id}/state`: whether an analysis is queued, running, done or failed. */
export const reportState = (ctx: Context, id: string) =>
  getJson(ctx, vendorPath`/report/${id}/state`, stateResponseSchema, { headers: haHeaders(ctx) });

/** `GET /report/{id}/summary`: the finished analysis. */
export const reportSummary = (ctx: Context, id: string): Promise<HybridAnalysisSummary> =>
  getJson(ctx, vendorPath`/report/${id}/summary`, summaryResponseSchema, { headers: haHeaders(ctx) });

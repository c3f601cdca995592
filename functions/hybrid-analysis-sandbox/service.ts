import type { ServiceDefinition } from '../../shared/service-kit';
import { lookupHybridAnalysis } from './lookup';
import { hybridAnalysisOptionSpecs, type HybridAnalysisOptions } from './options';
import { hybridAnalysisQuotaError } from './quota';
import type { HybridAnalysisSummary } from './schema';
import { hybridAnalysisToStix } from './to-stix';

/**
 * Hybrid Analysis (CrowdStrike Falcon Sandbox): the sandbox report of a file by its hash, and
 * optionally the analysis of an unseen Artifact it uploads.
 * API: https://www.hybrid-analysis.com/docs/api/v2
 */
export const hybridAnalysisSandbox: ServiceDefinition<HybridAnalysisSummary, HybridAnalysisOptions> = {
  name: 'hybrid-analysis-sandbox',
  author: 'Hybrid Analysis',
  scope: ['StixFile', 'Artifact'],
  apiKey: 'required',
  defaultBaseUrl: 'https://hybrid-analysis.com/api/v2',
  // Free keys' default limits, as reported in connectors#1154 (each answer's Api-Limits header
  // gives the key's own; https://www.hybrid-analysis.com/docs/api/v2).
  defaultRateLimit: '200/m,2000/h',
  // A finished report does not change.
  defaultCacheTtlSeconds: 86_400,
  options: hybridAnalysisOptionSpecs,
  lookup: lookupHybridAnalysis,
  classifyError: hybridAnalysisQuotaError,
  toStix: hybridAnalysisToStix,
};

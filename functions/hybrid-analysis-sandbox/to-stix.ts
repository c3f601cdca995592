import { malwareAnalysis, software, type ExternalReference, type MappingContext, type StixObject } from '../../shared/service-kit';
import { enrichedEntity } from './entity';
import { observed } from './observed';
import type { HybridAnalysisOptions } from './options';
import type { HybridAnalysisSummary } from './schema';
import { stixResult } from './verdict';

/**
 * The Python connector's mapping: the enriched sample; the sandbox's operating system as Software;
 * what the sample did (contacted domains and addresses, dropped files, ATT&CK techniques); and a
 * Malware-Analysis of the sample by Hybrid Analysis that refers to all of it. The analysis is
 * identified by its result, product and start time, so reading the same report again updates it.
 */
export function hybridAnalysisToStix(summary: HybridAnalysisSummary, ctx: MappingContext<HybridAnalysisOptions>): StixObject[] {
  const by = { createdBy: ctx.authorId };
  const page: ExternalReference = {
    source_name: 'Hybrid Analysis',
    url: `https://www.hybrid-analysis.com/sample/${summary.sha256}`,
    description: 'Hybrid Analysis report',
  };
  const os = summary.environment_description ? software({ name: summary.environment_description }, by) : undefined;
  const { observables, others } = observed(summary, ctx);
  const resultName = summary.vx_family ?? summary.verdict ?? 'no verdict';
  const analysis = malwareAnalysis(
    {
      product: 'Hybrid Analysis',
      // Without a start time the id would only hold the result: the sample keeps two analyses apart.
      resultName: summary.analysis_start_time ? resultName : `${resultName} (${summary.sha256})`,
      result: stixResult(summary.verdict),
      submitted: summary.analysis_start_time,
      analysisStarted: summary.analysis_start_time,
      sampleRef: ctx.entity.id,
      analysisScoRefs: observables.length > 0 ? observables.map((o) => o.id) : undefined,
    },
    ctx.now,
    { ...by, externalReferences: [page] },
  );
  return [
    enrichedEntity(summary, ctx, page),
    ...(os ? [os] : []),
    ...observables,
    ...others,
    os ? { ...analysis, operating_system_ref: os.id } : analysis,
  ];
}

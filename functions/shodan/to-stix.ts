import { ipAddr, OPENCTI_EXTENSION_ID, relationship, undatedNote, type MappingContext, type StixObject } from '../../shared/service-kit';
import { hostToStix } from './host-to-stix';
import { summaryNoteContent } from './notes';
import type { ShodanOptions, ShodanResult } from './result';

/** The indicator's score (top level or in OpenCTI's extension), which the Python connector gives its hits. */
function scoreOf(indicator: StixObject): number | undefined {
  const extension = (indicator.extensions as Record<string, Record<string, unknown>> | undefined)?.[OPENCTI_EXTENSION_ID];
  const score = indicator.x_opencti_score ?? extension?.score;
  return typeof score === 'number' ? score : undefined;
}

/** A query: the summary note on the indicator, then each hit `related-to` it and mapped as a host. */
function queryToStix(result: Extract<ShodanResult, { kind: 'query' }>, ctx: MappingContext<ShodanOptions>): StixObject[] {
  const by = { createdBy: ctx.authorId };
  const summary = undatedNote(
    { content: summaryNoteContent(result), objectRefs: [ctx.entity.id], abstract: 'Shodan Summary Information' },
    ctx.now,
    by,
  );
  const score = scoreOf(ctx.entity);
  return [
    summary,
    ...result.hosts.flatMap((host) => {
      const address = ipAddr(host.ip_str, by);
      return [relationship('related-to', address.id, ctx.entity.id, ctx.now, by), ...hostToStix(host, address, ctx, score)];
    }),
  ];
}

/** Each object once (hosts of one search share organisations, countries, software). */
const uniqueById = (objects: StixObject[]): StixObject[] => [...new Map(objects.map((o) => [o.id, o])).values()];

/**
 * The Python connector's mapping (see {@link hostToStix}); `SHODAN_DEFAULT_SCORE`, when set, is the
 * score of an enriched address. For a Shodan-query indicator, the summary and its hits.
 */
export function shodanToStix(result: ShodanResult, ctx: MappingContext<ShodanOptions>): StixObject[] {
  return uniqueById(result.kind === 'host' ? hostToStix(result.host, ctx.entity, ctx, ctx.options.defaultScore) : queryToStix(result, ctx));
}

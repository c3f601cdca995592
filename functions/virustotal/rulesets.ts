import { getJson, vendorPath, type LookupContext } from '../../shared/service-kit';
import { authHeaders } from './api';
import type { ObjectKind, VirusTotalOptions } from './options';
import { rulesetResponseSchema, type VirusTotalObject } from './schema';

/** Ruleset ids are short hex strings; anything else is not put in a path. */
const RULESET_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The rules' text of each distinct ruleset a file matched, read once per lookup. A ruleset
 * VirusTotal no longer has is left out (its matches get no indicator).
 *
 * Rulesets rarely change and many files share them: this is where the quota cache is to keep
 * them across lookups (by ruleset id), so each one costs one request per cache lifetime.
 */
export async function readRulesets(
  ctx: LookupContext<VirusTotalOptions>,
  kind: ObjectKind,
  object: VirusTotalObject,
): Promise<Record<string, string>> {
  if (kind !== 'file' || !ctx.options.fileImportYara) return {};
  const ids = [...new Set(object.attributes.crowdsourced_yara_results.map((m) => m.ruleset_id))].filter((id) => RULESET_ID.test(id));
  const rulesets: Record<string, string> = {};
  // One after another: the public API allows 4 requests a minute.
  for (const id of ids) {
    const answer = await getJson(ctx, vendorPath`/yara_rulesets/${id}`, rulesetResponseSchema, {
      headers: authHeaders(ctx),
      notFoundIsNoData: true,
    });
    if (answer) rulesets[id] = answer.data.attributes.rules;
  }
  return rulesets;
}

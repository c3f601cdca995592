import { getJson, type LookupContext } from '../../shared/service-kit';
import { authHeaders } from './api';
import type { ObjectKind, VirusTotalOptions } from './options';
import { readRulesets } from './rulesets';
import { objectResponseSchema, type VirusTotalObject } from './schema';
import { awaitAnalysis, submitUnseen } from './submission';
import { targetOf, type Target } from './target';

/** What the mapping gets: the object, its kind, and the text of each YARA ruleset it matched, by ruleset id. */
export interface VirusTotalReport {
  kind: ObjectKind;
  /** The value asked about, canonical (the hash asked for a file). */
  value: string;
  object: VirusTotalObject;
  rulesets: Record<string, string>;
}

/** The object, or undefined when VirusTotal has never seen it (its 404 `NotFoundError`). */
const readObject = async (ctx: LookupContext<VirusTotalOptions>, target: Target): Promise<VirusTotalObject | undefined> =>
  (await getJson(ctx, target.path, objectResponseSchema, { headers: authHeaders(ctx), notFoundIsNoData: true }))?.data;

/**
 * VirusTotal's report on the entity (https://docs.virustotal.com/reference/overview). An unseen
 * URL or artifact is submitted for analysis when the settings allow it, and the lookup comes back
 * for the result on later deliveries (`ctx.resume`) instead of waiting here; anything else
 * unseen is no data.
 */
export async function lookupVirusTotal(ctx: LookupContext<VirusTotalOptions>): Promise<VirusTotalReport | undefined> {
  const target = targetOf(ctx.entity, ctx.entityType);
  if (ctx.resume !== undefined) await awaitAnalysis(ctx, target, ctx.resume);
  const object = await readObject(ctx, target);
  if (!object) return ctx.resume === undefined ? submitUnseen(ctx, target) : undefined;
  return { kind: target.kind, value: target.value, object, rulesets: await readRulesets(ctx, target.kind, object) };
}

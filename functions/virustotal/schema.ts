import * as z from 'zod';

/**
 * The engines' verdict counts. VirusTotal leaves out a category no engine fell in on some object
 * types (IP addresses have no `type-unsupported`), so every count defaults to 0.
 */
const statsSchema = z.object({
  malicious: z.number().int().min(0).default(0),
  suspicious: z.number().int().min(0).default(0),
  undetected: z.number().int().min(0).default(0),
  harmless: z.number().int().min(0).default(0),
  timeout: z.number().int().min(0).default(0),
  'confirmed-timeout': z.number().int().min(0).default(0),
  failure: z.number().int().min(0).default(0),
  'type-unsupported': z.number().int().min(0).default(0),
});

const engineResultSchema = z.object({
  engine_name: z.string().optional(),
  engine_version: z.string().nullish(),
  method: z.string().nullish(),
  category: z.string().nullish(),
  result: z.string().nullish(),
});

/** A crowdsourced YARA rule the file matched; the ruleset holds the rule's text. */
const yaraMatchSchema = z.object({
  ruleset_id: z.string(),
  rule_name: z.string(),
  ruleset_name: z.string().optional(),
  description: z.string().optional(),
  author: z.string().optional(),
  source: z.string().optional(),
});

/**
 * The attributes of an IP address, domain, URL or file object that the mapping reads
 * (https://docs.virustotal.com/reference/ip-object, domains-object, url-object, files). Absent
 * fields are absent: an IP without `country` or `asn` maps to fewer objects, never to a failure.
 */
const attributesSchema = z.object({
  last_analysis_stats: statsSchema.prefault({}),
  last_analysis_results: z.record(z.string(), engineResultSchema).default({}),
  gti_assessment: z.object({ threat_score: z.object({ value: z.number().min(0).max(100) }).optional() }).optional(),
  categories: z.record(z.string(), z.string()).default({}),
  tags: z.array(z.string()).default([]),
  // IP addresses
  asn: z.number().int().positive().optional(),
  as_owner: z.string().optional(),
  regional_internet_registry: z.string().optional(),
  country: z.string().optional(),
  // Domains
  last_dns_records: z.array(z.object({ type: z.string(), value: z.string() })).default([]),
  // Files
  md5: z.string().optional(),
  sha1: z.string().optional(),
  sha256: z.string().optional(),
  size: z.number().int().min(0).optional(),
  names: z.array(z.string()).default([]),
  magic: z.string().optional(),
  creation_date: z.number().int().optional(),
  crowdsourced_yara_results: z.array(yaraMatchSchema).default([]),
});

/** `GET /ip_addresses/{ip}`, `/domains/{domain}`, `/urls/{id}`, `/files/{hash}`. */
export const objectResponseSchema = z.object({
  data: z.object({ id: z.string(), type: z.string(), attributes: attributesSchema }),
});

/** `GET /yara_rulesets/{id}` (https://docs.virustotal.com/reference/yara-rulesets): the rules' source text. */
export const rulesetResponseSchema = z.object({
  data: z.object({ attributes: z.object({ rules: z.string() }) }),
});

/** `POST /urls` and `POST /files`: the analysis started for the submission. */
export const submissionResponseSchema = z.object({ data: z.object({ type: z.literal('analysis'), id: z.string().min(1) }) });

/** `GET /analyses/{id}` (https://docs.virustotal.com/reference/analyses-object): whether it is done. */
export const analysisResponseSchema = z.object({
  data: z.object({ attributes: z.object({ status: z.enum(['queued', 'in-progress', 'completed']) }) }),
});

/** VirusTotal's error body (https://docs.virustotal.com/reference/errors). */
export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }) });

export type VirusTotalObject = z.infer<typeof objectResponseSchema>['data'];
export type VirusTotalAttributes = VirusTotalObject['attributes'];
export type AnalysisStats = VirusTotalAttributes['last_analysis_stats'];
export type YaraMatch = VirusTotalAttributes['crowdsourced_yara_results'][number];

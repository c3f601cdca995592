import * as z from 'zod';

const text = z
  .string()
  .nullish()
  .transform((v) => v?.trim() || undefined);
const count = z
  .number()
  .int()
  .nullish()
  .transform((v) => v ?? 0);
const hex = (length: number) =>
  z
    .string()
    .nullish()
    .transform((v) => (v && new RegExp(`^[0-9a-f]{${length}}$`, 'i').test(v) ? v.toLowerCase() : undefined));
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
/** A report id: hexadecimal, or the older `<sha256>:<environment>` form; kept out of paths otherwise. */
export const reportIdSchema = z.string().regex(/^[0-9A-Za-z:_-]{1,128}$/);

/** `GET /search/hash` answer: the analyses of the sample, one per sandbox environment. */
export const searchResponseSchema = z.object({
  reports: list(z.object({ id: reportIdSchema, state: text, verdict: text })),
});

/** `GET /report/{id}/state` answer. */
export const stateResponseSchema = z.object({ state: z.string(), error: text, error_type: text });

/** `POST /submit/file` answer. */
export const submitResponseSchema = z.object({ job_id: reportIdSchema });

const mitreEntry = z.object({
  technique: z.string(),
  attck_id: z.string().regex(/^T\d{4}(\.\d{3})?$/),
  malicious_identifiers_count: count,
  suspicious_identifiers_count: count,
});

const extractedFile = z.object({
  name: text,
  size: z.number().int().nonnegative().nullish(),
  threat_level: count,
  md5: hex(32),
  sha1: hex(40),
  sha256: hex(64),
  type_tags: list(z.string()),
});

/** An address as a sandbox reports it; anything else (a name, a port suffix) is left out. */
const host = z.union([z.ipv4(), z.ipv6()]).or(z.string().transform(() => undefined));

/**
 * `GET /report/{id}/summary` answer, the fields the mapping reads
 * (https://www.hybrid-analysis.com/docs/api/v2#/Report/get_report__id__summary).
 */
export const summaryResponseSchema = z.object({
  sha256: hex(64).pipe(z.string()),
  md5: hex(32),
  sha1: hex(40),
  submit_name: text,
  size: z.number().int().nonnegative().nullish(),
  /** Hybrid Analysis's own 0-100 score; null when it gave none. */
  threat_score: z.number().int().min(0).max(100).nullish(),
  /** `malicious`, `suspicious`, `no specific threat`, `whitelisted`, `no verdict`. */
  verdict: text.transform((v) => v?.toLowerCase()),
  vx_family: text,
  environment_description: text,
  /** File type tags; some answers give one tag as a string. */
  type_short: z
    .union([z.string(), z.array(z.string())])
    .nullish()
    .transform((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v])),
  /** With or without an offset (without: UTC). */
  analysis_start_time: z.iso
    .datetime({ offset: true, local: true })
    .nullish()
    .transform((v) => (v ? new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(v) ? v : `${v}Z`).toISOString() : undefined)),
  mitre_attcks: list(mitreEntry),
  domains: list(z.string()),
  hosts: list(host).transform((hosts) => hosts.filter((h): h is string => h !== undefined)),
  extracted_files: list(extractedFile),
});

export type HybridAnalysisSummary = z.infer<typeof summaryResponseSchema>;
export type ExtractedFile = z.infer<typeof extractedFile>;

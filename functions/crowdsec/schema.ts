import * as z from 'zod';

/** CrowdSec writes some absent values as the string "None" (the Python connector reads them as missing). */
const orNone = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === 'None' ? null : v), schema.nullish());

/** A list that may be null, missing or "None": an empty list then. */
const list = <T extends z.ZodType>(item: T) => orNone(z.array(item)).transform((v) => v ?? []);

/** A date as CrowdSec writes it (`2023-06-13T19:00:00+00:00`), in STIX's UTC form. */
const date = orNone(z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString())).transform((v) => v ?? undefined);

const text = orNone(z.string()).transform((v) => v?.trim() || undefined);

const described = z.object({ name: z.string(), label: z.string(), description: text });

/**
 * `GET /smoke/{ip}` answer, the fields the mapping reads
 * (https://docs.crowdsec.net/u/cti_api/taxonomy/cti_object).
 */
export const smokeResponseSchema = z.object({
  ip: z.string(),
  /** `malicious`, `suspicious`, `known`, `safe`, `unknown` (and `benign` for known scanners). */
  reputation: text.transform((v) => v?.toLowerCase()),
  /** How sure CrowdSec is of the reputation: `high`, `medium`, `low`. */
  confidence: text.transform((v) => v?.toLowerCase()),
  as_name: text,
  as_num: orNone(z.number().int().positive()),
  location: orNone(z.object({ country: text, city: text })),
  history: orNone(z.object({ first_seen: date, last_seen: date })),
  behaviors: list(described),
  /** The scenarios that reported the address. */
  attack_details: list(described),
  mitre_techniques: list(described),
  cves: list(z.string()),
  /** Share (percent) of the address's attacks that targeted each country, by ISO alpha-2 code. */
  target_countries: orNone(z.record(z.string(), z.number())).transform((v) => v ?? {}),
  /** Blocklists the address is on. */
  references: list(z.object({ name: z.string(), label: z.string(), description: text, references: list(z.string()) })),
});

export type CrowdsecAnswer = z.infer<typeof smokeResponseSchema>;
export type Described = z.infer<typeof described>;

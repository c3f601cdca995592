import * as z from 'zod';

const text = z.string().nullish();
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v === true);

/** A tag of the scanner data: its name, what kind of activity, and GreyNoise's reading of its intent. */
const tagSchema = z.object({
  name: z.string(),
  category: text,
  intention: text,
  description: text,
});

/** `internet_scanner_intelligence`: what GreyNoise's sensors saw the address do. */
const scannerSchema = z.object({
  found: flag,
  classification: text,
  actor: text,
  tags: z
    .array(tagSchema)
    .nullish()
    .transform((v) => v ?? []),
  bot: flag,
  tor: flag,
  vpn: flag,
  vpn_service: text,
  /** `2024-01-03`. */
  first_seen: text,
  last_seen: text,
  /** `2024-05-02T11:00:00Z`. */
  last_seen_timestamp: text,
  cves: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  metadata: z
    .object({ asn: text, organization: text, rdns: text, source_city: text, source_country_code: text })
    .nullish()
    .transform((v) => v ?? {}),
});

/** `business_service_intelligence` (RIOT): the address belongs to a known business service. */
const businessSchema = z.object({
  found: flag,
  name: text,
  category: text,
  /** `1` reasonably ignore, `2` commonly seen, `3` context only. */
  trust_level: z.union([z.string(), z.number()]).nullish(),
  last_updated: text,
});

/** `GET /v3/ip/{ip}` (https://docs.greynoise.io/reference/v3ip): only what the mapping reads. */
export const ipAnswerSchema = z.object({
  ip: z.string(),
  internet_scanner_intelligence: scannerSchema.nullish(),
  business_service_intelligence: businessSchema.nullish(),
});

/** `GET /v3/community/{ip}` (https://docs.greynoise.io/reference/get_v3-community-ip): the community subset. */
export const communityAnswerSchema = z.object({
  ip: z.string(),
  /** Seen scanning the internet. */
  noise: flag,
  /** In RIOT, GreyNoise's set of common business services. */
  riot: flag,
  classification: text,
  /** The actor (noise) or the business service (RIOT). */
  name: text,
  link: text,
  /** `2024-05-30`. */
  last_seen: text,
});

export type IpAnswer = z.infer<typeof ipAnswerSchema>;
export type CommunityAnswer = z.infer<typeof communityAnswerSchema>;
export type ScannerTag = z.infer<typeof tagSchema>;

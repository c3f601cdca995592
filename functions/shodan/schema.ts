import * as z from 'zod';

const text = z.string().nullish();
const strings = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? []);

/** A certificate's name, `{ "C": "US", "CN": "Amazon" }`; Shodan may give a repeated attribute as a list. */
const distinguishedName = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]));

/** `ssl.cert` of a banner: only the fields the certificate mapping reads. */
const certificateSchema = z.object({
  /** `YYYYmmddHHMMSSZ`. */
  issued: text,
  expires: text,
  issuer: distinguishedName.nullish(),
  subject: distinguishedName.nullish(),
  /** The serial as a decimal integer; the lookup reads it as text, since it is often beyond 2^53. */
  serial: z.union([z.string().regex(/^-?\d+$/), z.number().int()]).nullish(),
  sig_alg: text,
  pubkey: z.object({ type: text }).nullish(),
  fingerprint: z.object({ sha256: text, sha1: text }).nullish(),
  /** X.509's own 0-based field: 2 is a version 3 certificate. */
  version: z.number().int().nullish(),
});

/** One service Shodan found on the host (a "banner"). */
export const bannerSchema = z.object({
  port: z.number().int().min(0).max(65535),
  transport: text,
  data: text,
  product: text,
  version: text,
  /** CPE 2.2 URIs, and the same products as (often truncated) 2.3 strings. */
  cpe: strings,
  cpe23: strings,
  opts: z.object({ heartbleed: text }).nullish(),
  ssl: z.object({ cert: certificateSchema.nullish() }).nullish(),
  /** CVE id → details, for this service. */
  vulns: z.record(z.string(), z.unknown()).nullish(),
});

const place = {
  city: text,
  region_code: text,
  country_code: text,
  country_name: text,
  latitude: z.number().nullish(),
  longitude: z.number().nullish(),
};

/** What a host answer and a search match both say of the host. */
const hostFields = {
  ip_str: z.string(),
  org: text,
  isp: text,
  /** `AS14618`. */
  asn: text,
  os: text,
  hostnames: strings,
  domains: strings,
  tags: strings,
};

/** The host fields the mapping reads, as `GET /shodan/host/{ip}` gives them (https://developer.shodan.io/api). */
export const hostSchema = z.object({
  ...hostFields,
  ports: z
    .array(z.number().int())
    .nullish()
    .transform((v) => v ?? []),
  vulns: strings,
  ...place,
  data: z
    .array(bannerSchema)
    .nullish()
    .transform((v) => v ?? []),
});

export type ShodanHost = z.infer<typeof hostSchema>;
export type ShodanBanner = z.infer<typeof bannerSchema>;
export type ShodanCertificate = z.infer<typeof certificateSchema>;

/** A search match: one banner with its host's fields, the place under `location`. */
export const matchSchema = bannerSchema.extend({
  ...hostFields,
  location: z.object(place).nullish(),
});

export type ShodanMatch = z.infer<typeof matchSchema>;

const facetsSchema = z
  .record(z.string(), z.array(z.object({ value: z.union([z.string(), z.number()]), count: z.number().int() })))
  .nullish()
  .transform((v) => v ?? {});

/** `GET /shodan/host/count` with facets. */
export const countSchema = z.object({ total: z.number().int().min(0), facets: facetsSchema });

/** `GET /shodan/host/search` with facets: the count, and the first page of matches. */
export const searchSchema = countSchema.extend({
  matches: z
    .array(matchSchema)
    .nullish()
    .transform((v) => v ?? []),
});

export type ShodanFacets = z.infer<typeof facetsSchema>;

import * as z from 'zod';

/** `GET /resolve` answer (https://developers.google.com/speed/public-dns/docs/doh/json). */
export const resolveResponseSchema = z.object({
  /** The DNS RCODE: 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, ... */
  Status: z.number().int(),
  Answer: z.array(z.object({ name: z.string(), type: z.number().int(), data: z.string() })).optional(),
});

export type ResolveResponse = z.infer<typeof resolveResponseSchema>;

/** Record types asked for, in the Python connector's order (plus AAAA), with their numeric codes. */
export const RECORD_TYPES = { NS: 2, A: 1, AAAA: 28, CNAME: 5, MX: 15, TXT: 16 } as const;
export type RecordType = keyof typeof RECORD_TYPES;

/** What the lookup found: each record type's values, cleaned (no trailing dot, no MX priority). */
export interface DnsRecords {
  name: string;
  records: Record<RecordType, string[]>;
}

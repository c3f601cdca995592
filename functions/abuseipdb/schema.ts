import * as z from 'zod';

/** One report in the `verbose` answer; only the fields the mapping reads. */
const reportSchema = z.object({
  reportedAt: z.iso.datetime({ offset: true }),
  categories: z.array(z.number().int()),
  reporterCountryCode: z.string().nullish(),
});

/** `GET /check` answer (https://docs.abuseipdb.com/#check-endpoint). */
export const checkResponseSchema = z.object({
  data: z.object({
    ipAddress: z.string(),
    // Documented as boolean, but answers for some reserved ranges carry null.
    isWhitelisted: z.boolean().nullish(),
    abuseConfidenceScore: z.number().int().min(0).max(100),
    reports: z.array(reportSchema).default([]),
  }),
});

export type AbuseIpdbCheck = z.infer<typeof checkResponseSchema>['data'];
export type AbuseIpdbReport = AbuseIpdbCheck['reports'][number];

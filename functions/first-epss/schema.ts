import * as z from 'zod';

/** EPSS values come as decimal strings ("0.000030000"); a number is accepted too. */
const probability = z
  .union([z.string().regex(/^\d+(\.\d+)?([eE]-?\d+)?$/), z.number()])
  .transform(Number)
  .pipe(z.number().min(0).max(1));

/** `GET /epss?cve=…` answer (https://api.first.org/epss). */
export const epssResponseSchema = z.object({
  data: z.array(z.object({ cve: z.string(), epss: probability, percentile: probability, date: z.string().optional() })),
});

export type EpssScore = z.infer<typeof epssResponseSchema>['data'][number];

import * as z from 'zod';

/** `GET /{ip}` answer (https://internetdb.shodan.io/docs): every list is always present, maybe empty. */
export const hostResponseSchema = z.object({
  ip: z.string(),
  ports: z.array(z.number().int().min(0).max(65535)),
  hostnames: z.array(z.string()),
  cpes: z.array(z.string()),
  tags: z.array(z.string()),
  vulns: z.array(z.string()),
});

export type InternetDbHost = z.infer<typeof hostResponseSchema>;

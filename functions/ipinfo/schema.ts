import * as z from 'zod';

/**
 * `GET /{ip}/json` answer (https://ipinfo.io/developers/responses). Which fields come depends on
 * the plan: free tokens get `org` ("AS15169 Google LLC") instead of the `asn` object and no
 * `privacy`; bogons (private, reserved) get only `ip` and `bogon: true`; any field may be missing.
 */
export const ipInfoResponseSchema = z.object({
  ip: z.string(),
  bogon: z.boolean().optional(),
  city: z.string().optional(),
  region: z.string().optional(),
  country: z.string().optional(),
  loc: z.string().optional(),
  org: z.string().optional(),
  asn: z.object({ asn: z.string(), name: z.string().optional() }).optional(),
  privacy: z
    .object({
      vpn: z.boolean().optional(),
      proxy: z.boolean().optional(),
      tor: z.boolean().optional(),
      relay: z.boolean().optional(),
      hosting: z.boolean().optional(),
      service: z.string().optional(),
    })
    .optional(),
});

export type IpInfo = z.infer<typeof ipInfoResponseSchema>;

import * as z from 'zod';
import { NonRetryableError } from '../pipeline/errors';

/**
 * The vendor's answer checked against the service's zod schema, with the schema's transforms
 * applied. An answer of another shape (an API change, a captive proxy page) cannot get better by
 * asking again: it throws a {@link NonRetryableError} saying `unexpected answer from <where>` and
 * what did not match, so the work in error tells the user what the vendor sent.
 *
 * @param where the request, as a reader of the error needs it, e.g. `GET /check`; never the key.
 */
export function parseVendorAnswer<T>(schema: z.ZodType<T>, data: unknown, where: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new NonRetryableError(`unexpected answer from ${where}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

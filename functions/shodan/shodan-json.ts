import type { z } from 'zod';
import { parseVendorAnswer, type LookupContext } from '../../shared/service-kit';

/**
 * A certificate serial is a JSON integer of up to 160 bits, which `JSON.parse` would round (the
 * Python connector reads it whole): quoted before parsing so it arrives as written. Only the
 * key's own occurrences match; inside a banner's text the quotes are escaped.
 */
const BIG_SERIAL = /(?<!\\)("serial"\s*:\s*)(-?\d{16,})(?=\s*[,}\]])/g;

export const parseShodanJson = (text: string): unknown => JSON.parse(text.replace(BIG_SERIAL, '$1"$2"'));

/**
 * `GET path` on Shodan with the key as the `key` query parameter (Shodan takes it nowhere else),
 * the answer read as text and parsed with {@link parseShodanJson}, then checked with `schema`.
 * A 404 is Shodan's "No information available for that IP.": undefined, not an error. Failures
 * are thrown as they are for `classifyError` and the pipeline (which never show the query, so
 * never the key).
 */
export async function getShodanJson<T>(
  ctx: LookupContext<unknown>,
  path: string,
  schema: z.ZodType<T>,
  params: Record<string, string> = {},
): Promise<T | undefined> {
  const response = await ctx.http.get<string>(path, {
    params: { ...params, key: ctx.apiKey },
    headers: { Accept: 'application/json' },
    responseType: 'text',
    transformResponse: [(body: unknown) => body],
    validateStatus: (status) => (status >= 200 && status < 300) || status === 404,
  });
  if (response.status === 404) return undefined;
  let body: unknown;
  try {
    body = parseShodanJson(String(response.data));
  } catch {
    // Not JSON (a proxy's page): the schema check below says so, with what came instead.
    body = String(response.data).slice(0, 200);
  }
  return parseVendorAnswer(schema, body, `GET ${path}`);
}

import { isAxiosError } from 'axios';
import type { z } from 'zod';
import { NonRetryableError } from '../pipeline/errors';
import type { LookupContext } from '../pipeline/service';
import { parseVendorAnswer } from './vendor-answer';

/**
 * A request path with every interpolated value encoded as one path segment:
 * `` vendorPath`/v3/ip/${ip}` ``. Everything but letters, digits, `-._~!'()*` and `:` (which
 * RFC 3986 allows in a segment, so IPv6 addresses stay as vendors know them) is percent-encoded,
 * so a value can never add a segment, a query or a fragment. An empty, `.` or `..` value would
 * change the path itself: refused (the work ends in error). Build every path that carries an
 * entity's or a vendor's value with it.
 */
export function vendorPath(parts: TemplateStringsArray, ...values: ReadonlyArray<string | number>): string {
  return parts.reduce((path, part, i) => path + part + (i < values.length ? pathSegment(String(values[i])) : ''), '');
}

function pathSegment(value: string): string {
  if (value === '' || value === '.' || value === '..')
    throw new NonRetryableError(`${JSON.stringify(value)} cannot be sent as a path segment to the vendor`);
  return encodeURIComponent(value).replace(/%3A/g, ':');
}

/** Options of {@link getJson}. */
export interface GetJsonOptions {
  /** Query parameters; undefined values are left out. @default none */
  params?: Record<string, string | number | boolean | undefined>;
  /** Request headers, on top of `Accept: application/json`. @default none */
  headers?: Record<string, string | undefined>;
  /** HTTP 404 means "the vendor has nothing on this value": resolve to undefined instead of failing. @default false */
  notFoundIsNoData?: boolean;
}

/**
 * `GET path` on the vendor (relative to the service's base URL), its JSON answer checked with
 * `schema` ({@link parseVendorAnswer}, naming `GET <path>`). Any other failure (429, 5xx, 401,
 * timeout) is thrown as it is, for the service's `classifyError` hook and the pipeline's rules.
 * Keep keys out of `path`: it appears in error messages (put them in `params` or `headers`).
 */
export async function getJson<T>(
  ctx: LookupContext,
  path: string,
  schema: z.ZodType<T>,
  options: GetJsonOptions & { notFoundIsNoData: true },
): Promise<T | undefined>;
export async function getJson<T>(ctx: LookupContext, path: string, schema: z.ZodType<T>, options?: GetJsonOptions): Promise<T>;
export async function getJson<T>(
  ctx: LookupContext,
  path: string,
  schema: z.ZodType<T>,
  options: GetJsonOptions = {},
): Promise<T | undefined> {
  const notFoundIsNoData = options.notFoundIsNoData === true;
  const response = await ctx.http.get<unknown>(path, {
    params: options.params,
    headers: { Accept: 'application/json', ...options.headers },
    validateStatus: (status) => (status >= 200 && status < 300) || (notFoundIsNoData && status === 404),
  });
  if (response.status === 404) return undefined;
  return parseVendorAnswer(schema, response.data, `GET ${path}`);
}

/** The vendor's HTTP answer to a failed request, as a `classifyError` hook reads it. */
export interface HttpFailure {
  status: number;
  /** The answer's body as the HTTP client parsed it (JSON as an object), for vendors that explain a failure there. */
  body: unknown;
  /** A response header by its name (any case), when present. */
  header(name: string): string | undefined;
}

/** The HTTP answer carried by what the HTTP client threw, or undefined for anything else (timeout, network error, bug). */
export function httpFailureOf(error: unknown): HttpFailure | undefined {
  if (!isAxiosError(error) || !error.response) return undefined;
  const { status, headers, data } = error.response;
  return {
    status,
    body: data,
    header: (name) => {
      const value: unknown = headers[name.toLowerCase()];
      return value === undefined || value === null ? undefined : String(value);
    },
  };
}

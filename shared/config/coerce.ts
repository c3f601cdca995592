import * as z from 'zod';
import { parseTlp, type TlpLevel } from '../stix/markings';

const TRUE = new Set(['true', 'yes', '1', 'on']);
const FALSE = new Set(['false', 'no', '0', 'off']);

/** A boolean from YAML or from `true/false/yes/no/1/0` in any case. */
export const booleanSetting = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const lower = v.trim().toLowerCase();
  return TRUE.has(lower) ? true : FALSE.has(lower) ? false : v;
}, z.boolean());

/** A comma-separated list (or a YAML list), entries trimmed, empty entries dropped. */
export const listSetting = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',') : v),
  z.array(z.coerce.string()).transform((items) => items.map((s) => s.trim()).filter(Boolean)),
);

export const stringSetting = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().min(1));

export const integerSetting = z.coerce.number().int();

export const uuidSetting = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/** Whether a URL carries a user name or password (`https://user:pass@host`). */
function hasUserInfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url);
  }
}

/**
 * An http(s) URL without a trailing slash. A user name or password in it is refused: URLs are
 * quoted in logs, errors and `/health`, and credentials have settings of their own.
 */
export const httpUrlSetting = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s/]+/i)
  .refine((u) => !hasUserInfo(u), {
    message:
      'must not carry a user name or password (https://user:pass@host): a URL is quoted in logs and errors; give the host alone and the credentials in their own settings',
    abort: true,
    // readSetting shows this message as it is, in place of "expected ..., got <the value>".
    params: { ownMessage: true },
  })
  .transform((u) => u.replace(/\/+$/, ''));

export const tlpSetting = z.preprocess(
  (v) => (typeof v === 'string' ? (parseTlp(v) ?? v) : v),
  z.enum(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']),
) as z.ZodType<TlpLevel>;

/** An upper-cased choice among `values`. */
export const upperEnum = <const T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.enum(values));

/** A lower-cased choice among `values`. */
export const lowerEnum = <const T extends string>(values: readonly [T, ...T[]]) =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(values));

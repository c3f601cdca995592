import * as z from 'zod';
import { ConfigError } from '../config/errors';

/** One window of a rate limit: at most `count` vendor calls in any interval of `periodMs`. */
export interface RateWindow {
  count: number;
  periodMs: number;
  /** The window as a person writes it (`4/m`, `20/10s`), for messages such as "waiting for the quota (4/m)". */
  label: string;
}

/** What a `<SERVICE>_RATE_LIMIT` setting expects, for a config error or a `SettingSpec.expected`. */
export const RATE_LIMIT_EXPECTED =
  'a comma list of <count>/<period> such as 4/m,500/d or 20/10s (period s, m, h or d, optionally preceded by a number), or none';

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const WINDOW_PATTERN = /^(\d+)\s*\/\s*(\d*)\s*([smhd])$/;

/** Reads the windows of a rate limit, or says which entry is wrong. */
function readWindows(text: string): RateWindow[] | string {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'none') return [];
  const entries = trimmed.split(',').map((entry) => entry.trim());
  const windows: RateWindow[] = [];
  for (const entry of entries) {
    const match = WINDOW_PATTERN.exec(entry);
    if (!match) return entry === '' ? 'an entry is empty' : `${JSON.stringify(entry)} is not <count>/<period>`;
    const [, countText, multiplierText, unit] = match as unknown as [string, string, string, keyof typeof UNIT_MS];
    const count = Number(countText);
    const multiplier = multiplierText === '' ? 1 : Number(multiplierText);
    if (count < 1) return `${JSON.stringify(entry)} must allow at least one call`;
    if (multiplier < 1) return `${JSON.stringify(entry)} has an empty period`;
    if (!Number.isSafeInteger(count * multiplier * UNIT_MS[unit])) return `${JSON.stringify(entry)} is too large`;
    windows.push({ count, periodMs: multiplier * UNIT_MS[unit], label: `${count}/${multiplier === 1 ? '' : multiplier}${unit}` });
  }
  return windows;
}

/**
 * A `<SERVICE>_RATE_LIMIT` setting for the config readers: a string (or a YAML list of strings)
 * turned into its windows; `none` gives no window (no limit).
 *
 * @example rateLimitSetting.parse('4/m,500/d') // [{ count: 4, periodMs: 60000, label: '4/m' }, { count: 500, ... }]
 */
export const rateLimitSetting: z.ZodType<RateWindow[]> = z.preprocess(
  (value) => (Array.isArray(value) ? value.join(',') : value),
  z.string().transform((text, ctx) => {
    const windows = readWindows(text);
    if (typeof windows !== 'string') return windows;
    ctx.addIssue({ code: 'custom', message: windows, input: text });
    return z.NEVER;
  }),
);

/**
 * Parses a rate limit such as `4/m,500/d`, `20/10s` or `none` (no window).
 *
 * @param variable - the setting's name, for the error (`VIRUSTOTAL_RATE_LIMIT`)
 * @throws ConfigError naming `variable`, what it expects and which entry is wrong
 */
export function parseRateLimit(text: string, variable: string): RateWindow[] {
  const windows = readWindows(text);
  if (typeof windows === 'string') throw new ConfigError([{ variable, expected: `expected ${RATE_LIMIT_EXPECTED}: ${windows}` }]);
  return windows;
}

/** Writes windows back as a setting (`4/m,500/d`, or `none`), for logs and documentation. */
export const formatRateLimit = (windows: readonly RateWindow[]): string =>
  windows.length === 0 ? 'none' : windows.map((w) => w.label).join(',');

import * as z from 'zod';

/** The share of each window kept for manual enrichments when `<SERVICE>_MANUAL_RESERVE` is unset. */
export const DEFAULT_MANUAL_RESERVE = 0.2;

/** What a `<SERVICE>_MANUAL_RESERVE` setting expects. */
export const MANUAL_RESERVE_EXPECTED = 'a share of each window kept for manual enrichments, from 0 to below 100%, as 20% or 0.2';

/** `<SERVICE>_MANUAL_RESERVE` for the config readers: `20%` or `0.2` (YAML number or string) → 0.2. */
export const manualReserveSetting: z.ZodType<number> = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return value;
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
}, z.number().min(0).lt(1));

/**
 * How many calls of a window auto-enrichment may use: floor((1 - reserve) × count), but at
 * least one, so a small window (`1/s`) does not stop auto-enrichment for good.
 */
export const autoLimit = (count: number, manualReserve: number): number => Math.max(1, Math.floor((1 - manualReserve) * count));

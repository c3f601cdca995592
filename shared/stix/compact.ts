/**
 * Drops `undefined`, `null` and empty arrays, which the STIX schemas reject for optional properties
 * (custom list properties need at least one item), and keeps key order for byte-stable output.
 */
export function compact<T extends Record<string, unknown>>(object: T): T {
  // A loop rather than entries/filter/fromEntries: called for every object built, it allocates once.
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    kept[key] = value;
  }
  return kept as T;
}

/** Sorted, de-duplicated list: labels and refs stay stable whatever order a vendor answers in. */
export function uniqueSorted(values: Iterable<string> | undefined): string[] | undefined {
  if (!values) return undefined;
  const list = [...new Set(values)].sort();
  return list.length ? list : undefined;
}

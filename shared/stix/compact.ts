/**
 * Drops `undefined`, `null` and empty arrays, which the STIX schemas reject for optional properties
 * (custom list properties need at least one item), and keeps key order for byte-stable output.
 */
export function compact<T extends Record<string, unknown>>(object: T): T {
  const entries = Object.entries(object).filter(
    ([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0),
  );
  return Object.fromEntries(entries) as T;
}

/** Sorted, de-duplicated list: labels and refs stay stable whatever order a vendor answers in. */
export function uniqueSorted(values: Iterable<string> | undefined): string[] | undefined {
  if (!values) return undefined;
  const list = [...new Set(values)].sort();
  return list.length ? list : undefined;
}

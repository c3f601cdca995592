/** A platform version as [major, minor, patch]; unknown parts are 0. */
export function parseVersion(version: string): [number, number, number] {
  const parts = version.split(/[.-]/).map((p) => Number.parseInt(p, 10));
  return [parts[0] || 0, parts[1] || 0, parts[2] || 0];
}

/** True when `version` is at least `min` (e.g. `atLeast('6.8.10', '6.8.9')`). */
export function atLeast(version: string, min: string): boolean {
  const a = parseVersion(version);
  const b = parseVersion(min);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) > (b[i] as number);
  return true;
}

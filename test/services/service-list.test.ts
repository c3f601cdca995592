import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES } from '../../functions/services';

/**
 * functions/services.ts is the list of services: code reads it, never a copy. Two documents list
 * the services for readers (an overview and a section each); these tests keep them complete.
 */
const read = (path: string): string => readFileSync(join(__dirname, '..', '..', path), 'utf8');
const names = SERVICES.map((s) => s.name).sort();

describe('the documented services', () => {
  it("are the services of functions/services.ts, one row each in the README's Services table", () => {
    const section =
      read('README.md')
        .split(/^## Services$/m)[1]
        ?.split(/^## /m)[0] ?? '';
    const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual(names);
  });

  it('are the services of functions/services.ts, one section each in docs/services.md', () => {
    const headings = [...read('docs/services.md').matchAll(/^## ([a-z0-9-]+)$/gm)].map((m) => m[1]);
    expect(headings.sort()).toEqual(names);
  });

  it("give each service's default rate limit and cache TTL in docs/services.md, as its definition declares them", () => {
    const section =
      read('docs/services.md')
        .split(/^## Quota defaults$/m)[1]
        ?.split(/^## /m)[0] ?? '';
    const rows = [...section.matchAll(/^\| ([a-z0-9-]+) \| `([^`]+)` \| (\d+)/gm)].map((m) => [m[1], m[2], Number(m[3])]);
    expect(rows.sort()).toEqual(
      [...SERVICES]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => [s.name, s.defaultRateLimit ?? 'none', s.defaultCacheTtlSeconds ?? 0]),
    );
  });
});

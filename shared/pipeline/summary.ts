import { countByType } from '../stix/bundle';
import type { StixObject } from '../stix/types';

const plural = (type: string, n: number): string => {
  const words = type.replace(/-/g, ' ');
  if (n === 1) return words;
  if (words.endsWith('y') && !words.endsWith('ey')) return `${words.slice(0, -1)}ies`;
  return words.endsWith('s') ? words : `${words}s`;
};

/** A short human summary of what was added, e.g. "3 objects: 2 vulnerabilities, 1 domain name". */
export function summarizeObjects(objects: readonly StixObject[]): string {
  if (objects.length === 0) return 'no new objects';
  const parts = Object.entries(countByType(objects))
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([type, n]) => `${n} ${plural(type, n)}`);
  return `${objects.length} object${objects.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

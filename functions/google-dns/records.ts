import { RECORD_TYPES, type RecordType, type ResolveResponse } from './schema';

const withoutDot = (name: string): string => name.trim().replace(/\.$/, '');

/** A record's value as an observable takes it: names without the root dot, MX without its priority. */
function cleanValue(type: RecordType, data: string): string {
  if (type === 'MX') return withoutDot(data.trim().split(/\s+/).pop() ?? '');
  if (type === 'NS' || type === 'CNAME') return withoutDot(data);
  return data.trim();
}

/** Values of the asked type only, cleaned and without repeats: an A answer also lists the CNAMEs it went through. */
export const valuesOf = (type: RecordType, answer: ResolveResponse): string[] => [
  ...new Set(
    (answer.Answer ?? [])
      .filter((a) => a.type === RECORD_TYPES[type])
      .map((a) => cleanValue(type, a.data))
      .filter((v) => v !== ''),
  ),
];

import * as z from 'zod';
import { NonRetryableError, RetryableError, SkipError } from '../../shared/pipeline/errors';
import type { LookupContext } from '../../shared/pipeline/service';
import { RECORD_TYPES, resolveResponseSchema, type DnsRecords, type RecordType, type ResolveResponse } from './schema';

const RCODE_NAMES: Record<number, string> = { 1: 'FORMERR', 2: 'SERVFAIL', 4: 'NOTIMP', 5: 'REFUSED' };
const SERVFAIL = 2;
const NXDOMAIN = 3;

const withoutDot = (name: string): string => name.trim().replace(/\.$/, '');

/** A record's value as an observable takes it: names without the root dot, MX without its priority. */
function cleanValue(type: RecordType, data: string): string {
  if (type === 'MX') return withoutDot(data.trim().split(/\s+/).pop() ?? '');
  if (type === 'NS' || type === 'CNAME') return withoutDot(data);
  return data.trim();
}

/** Values of the asked type only: an A answer also lists the CNAMEs it went through. */
const valuesOf = (type: RecordType, answer: ResolveResponse): string[] =>
  (answer.Answer ?? [])
    .filter((a) => a.type === RECORD_TYPES[type])
    .map((a) => cleanValue(type, a.data))
    .filter((v) => v !== '');

async function resolve(ctx: LookupContext, name: string, type: RecordType): Promise<ResolveResponse> {
  const response = await ctx.http.get<unknown>('/resolve', { params: { name, type }, headers: { Accept: 'application/json' } });
  const parsed = resolveResponseSchema.safeParse(response.data);
  if (!parsed.success) {
    throw new NonRetryableError(`google-dns: unexpected answer from GET /resolve (${type} ${name}): ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * `GET /resolve?name=…&type=…` for NS, A, AAAA, CNAME, MX and TXT, one after the other (gentle on
 * a keyless service; the first NXDOMAIN ends it, as the name then has no records of any type).
 * Returns undefined for a name that does not exist or has none of these records.
 */
export async function lookupGoogleDns(ctx: LookupContext): Promise<DnsRecords | undefined> {
  const name = typeof ctx.entity.value === 'string' ? withoutDot(ctx.entity.value) : '';
  if (!name || /\s/.test(name)) throw new SkipError(`"${name}" is not a domain name`);

  const records = {} as DnsRecords['records'];
  for (const type of Object.keys(RECORD_TYPES) as RecordType[]) {
    const answer = await resolve(ctx, name, type);
    if (answer.Status === NXDOMAIN) return undefined;
    // SERVFAIL is usually an authoritative server briefly failing: worth another try later.
    if (answer.Status === SERVFAIL) throw new RetryableError(`google-dns: ${type} ${name} answered SERVFAIL`);
    if (answer.Status !== 0) {
      throw new NonRetryableError(`google-dns: ${type} ${name} answered ${RCODE_NAMES[answer.Status] ?? `RCODE ${answer.Status}`}`);
    }
    records[type] = [...new Set(valuesOf(type, answer))];
  }
  return Object.values(records).some((values) => values.length > 0) ? { name, records } : undefined;
}

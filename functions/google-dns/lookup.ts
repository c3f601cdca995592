import { domainNameOf, getJson, NonRetryableError, RetryableError, type LookupContext } from '../../shared/service-kit';
import { valuesOf } from './records';
import { RECORD_TYPES, resolveResponseSchema, type DnsRecords, type RecordType } from './schema';

const RCODE_NAMES: Record<number, string> = { 1: 'FORMERR', 2: 'SERVFAIL', 4: 'NOTIMP', 5: 'REFUSED' };
const [NOERROR, SERVFAIL, NXDOMAIN] = [0, 2, 3];

/**
 * `GET /resolve?name=…&type=…` for NS, A, AAAA, CNAME, MX and TXT, one after the other (gentle on
 * a keyless service; the first NXDOMAIN ends it, as the name then has no records of any type).
 * Returns undefined for a name that does not exist or has none of these records.
 */
export async function lookupGoogleDns(ctx: LookupContext): Promise<DnsRecords | undefined> {
  const name = domainNameOf(ctx.entity);
  const records = {} as DnsRecords['records'];
  for (const type of Object.keys(RECORD_TYPES) as RecordType[]) {
    const answer = await getJson(ctx, '/resolve', resolveResponseSchema, { params: { name, type } });
    if (answer.Status === NXDOMAIN) return undefined;
    // SERVFAIL is usually an authoritative server briefly failing: worth another try later.
    if (answer.Status === SERVFAIL) throw new RetryableError(`google-dns: ${type} ${name} answered SERVFAIL`);
    const rcode = RCODE_NAMES[answer.Status] ?? `RCODE ${answer.Status}`;
    if (answer.Status !== NOERROR) throw new NonRetryableError(`google-dns: ${type} ${name} answered ${rcode}`);
    records[type] = valuesOf(type, answer);
  }
  return Object.values(records).some((values) => values.length > 0) ? { name, records } : undefined;
}

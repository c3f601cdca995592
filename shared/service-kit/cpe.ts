/** What a CPE says about a product, with the CPE in the 2.3 form STIX requires. */
export interface CpeProduct {
  cpe?: string;
  vendor?: string;
  product: string;
  version?: string;
}

const unset = (v: string | undefined): v is undefined => v === undefined || v === '' || v === '*' || v === '-';

const decode = (field: string): string => {
  try {
    return decodeURIComponent(field);
  } catch {
    return field;
  }
};

/** A 2.3 attribute: `*` when unset, else the value with what 2.3 cannot leave bare quoted. */
const attribute23 = (v: string | undefined): string =>
  unset(v) ? '*' : v.replace(/\s/g, '_').replace(/[^A-Za-z0-9\-._]/g, (c) => `\\${c}`);

const LANGUAGE = /^[a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?$/;

/**
 * Reads a CPE in either form vendors give: the 2.2 URI (`cpe:/a:nginx:nginx:1.18.0`, InternetDB's
 * and Shodan's usual one) or the 2.3 formatted string. Returns undefined when there is no product
 * to name. The 2.2 form is rewritten as the 2.3 string STIX's `software.cpe` requires (only for
 * parts `a`, `h` and `o`; another part gives no `cpe`).
 */
export function parseCpe(raw: string): CpeProduct | undefined {
  const text = raw.trim();
  const is23 = text.startsWith('cpe:2.3:');
  if (!is23 && !text.startsWith('cpe:/')) return undefined;
  const fields = is23 ? text.slice('cpe:2.3:'.length).split(':') : text.slice('cpe:/'.length).split(':').map(decode);
  const [part, vendor, product, version, update, edition, language] = fields;
  if (!part || unset(product)) return undefined;
  const fields23 = [vendor, product, version, update, edition].map(attribute23);
  const cpe = is23
    ? text
    : /^[aho]$/.test(part)
      ? `cpe:2.3:${part}:${fields23.join(':')}:${language && LANGUAGE.test(language) ? language : '*'}:*:*:*:*`
      : undefined;
  return { cpe, vendor: unset(vendor) ? undefined : vendor, product, version: unset(version) ? undefined : version };
}

import { x509Certificate, type CommonProperties, type StixObject } from '../../shared/service-kit';
import type { ShodanCertificate } from './schema';

/** `20210213000000Z` → `2021-02-13T00:00:00Z`. */
function timestampOf(value: string | null | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : undefined;
}

/** `{ C: 'US', CN: 'Amazon' }` → `C=US, CN=Amazon`, in the answer's order (a repeated attribute joined with `+`). */
function distinguishedNameOf(name: ShodanCertificate['issuer']): string | undefined {
  const parts = Object.entries(name ?? {}).map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`);
  return parts.length ? parts.join(', ') : undefined;
}

/**
 * The serial as certificates are usually shown: hexadecimal byte pairs (`0d:a1:…`). The Python
 * connector cut the decimal digits into pairs, which names no byte of the serial.
 */
function serialOf(serial: ShodanCertificate['serial']): string | undefined {
  if (serial === null || serial === undefined || BigInt(serial) < 0n) return undefined;
  const hex = BigInt(serial).toString(16);
  return (hex.length % 2 ? `0${hex}` : hex).match(/../g)!.join(':');
}

/** A banner's certificate as an X509-Certificate, or undefined when it has nothing to identify it by. */
export function certificateOf(cert: ShodanCertificate, p: CommonProperties): StixObject | undefined {
  const hashes = Object.fromEntries(
    [
      ['SHA-256', cert.fingerprint?.sha256],
      ['SHA-1', cert.fingerprint?.sha1],
    ].filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const fields = {
    hashes: Object.keys(hashes).length ? hashes : undefined,
    serial_number: serialOf(cert.serial),
    subject: distinguishedNameOf(cert.subject),
  };
  if (!fields.hashes && !fields.serial_number && !fields.subject) return undefined;
  return x509Certificate(
    {
      ...fields,
      issuer: distinguishedNameOf(cert.issuer),
      validity_not_before: timestampOf(cert.issued),
      validity_not_after: timestampOf(cert.expires),
      // X.509 counts versions from 0; people (and OpenCTI's form) say "3" for a version 3 certificate.
      version: cert.version === null || cert.version === undefined ? undefined : String(cert.version + 1),
      signature_algorithm: cert.sig_alg ?? undefined,
      subject_public_key_algorithm: cert.pubkey?.type ?? undefined,
    },
    p,
  );
}

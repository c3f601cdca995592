import { compact } from './compact';
import { observableExtras } from './common-properties';
import { autonomousSystemId, fileId, softwareId, valueObservableId, x509CertificateId } from './ids';
import type { CommonProperties, StixObject } from './types';

/** SCO types identified by a `value` (standard and OpenCTI custom ones). */
export type ValueObservableType =
  'ipv4-addr' | 'ipv6-addr' | 'domain-name' | 'hostname' | 'url' | 'email-addr' | 'mac-addr' | 'user-agent' | 'text';

/**
 * A value-identified observable. Domain names and e-mail addresses are lower-cased, as the platform
 * stores them, so the id in the bundle is the id the platform computes.
 */
export function valueObservable(type: ValueObservableType, value: string, p: CommonProperties = {}): StixObject {
  const stored = type === 'domain-name' || type === 'email-addr' ? value.toLowerCase() : value;
  return { type, spec_version: '2.1', id: valueObservableId(type, stored), value: stored, ...observableExtras(p) };
}

export const ipv4Addr = (value: string, p?: CommonProperties) => valueObservable('ipv4-addr', value, p);
export const ipv6Addr = (value: string, p?: CommonProperties) => valueObservable('ipv6-addr', value, p);
export const domainName = (value: string, p?: CommonProperties) => valueObservable('domain-name', value, p);
export const hostname = (value: string, p?: CommonProperties) => valueObservable('hostname', value, p);
export const url = (value: string, p?: CommonProperties) => valueObservable('url', value, p);
export const emailAddr = (value: string, p?: CommonProperties) => valueObservable('email-addr', value, p);
export const macAddr = (value: string, p?: CommonProperties) => valueObservable('mac-addr', value.toLowerCase(), p);

/** An IPv4 or IPv6 observable, chosen from the address's form. */
export const ipAddr = (value: string, p?: CommonProperties) => (value.includes(':') ? ipv6Addr(value, p) : ipv4Addr(value, p));

export function autonomousSystem(number: number, fields: { name?: string; rir?: string } = {}, p: CommonProperties = {}): StixObject {
  return {
    type: 'autonomous-system',
    spec_version: '2.1',
    id: autonomousSystemId(number),
    ...compact({ number, name: fields.name, rir: fields.rir }),
    ...observableExtras(p),
  };
}

export function file(
  fields: { hashes?: Record<string, string>; name?: string; size?: number; mime_type?: string },
  p: CommonProperties = {},
): StixObject {
  return {
    type: 'file',
    spec_version: '2.1',
    id: fileId(fields.hashes, fields.name),
    ...compact({ hashes: fields.hashes, name: fields.name, size: fields.size, mime_type: fields.mime_type }),
    ...observableExtras(p),
  };
}

export function software(fields: { name: string; cpe?: string; vendor?: string; version?: string }, p: CommonProperties = {}): StixObject {
  return {
    type: 'software',
    spec_version: '2.1',
    id: softwareId(fields),
    ...compact({ name: fields.name, cpe: fields.cpe, vendor: fields.vendor, version: fields.version }),
    ...observableExtras(p),
  };
}

export interface X509Fields {
  hashes?: Record<string, string>;
  serial_number?: string;
  subject?: string;
  issuer?: string;
  validity_not_before?: string;
  validity_not_after?: string;
  /** The certificate's version as people write it (`3` for X.509 v3). */
  version?: string;
  signature_algorithm?: string;
  subject_public_key_algorithm?: string;
}

export function x509Certificate(fields: X509Fields, p: CommonProperties = {}): StixObject {
  return {
    type: 'x509-certificate',
    spec_version: '2.1',
    id: x509CertificateId(fields),
    ...compact({ ...fields }),
    ...observableExtras(p),
  };
}

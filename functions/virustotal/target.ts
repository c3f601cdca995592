import { domainNameOf, hashesOf, ipAddressOf, SkipError, vendorPath, type StixObject } from '../../shared/service-kit';
import type { ObjectKind } from './options';

/** The VirusTotal object an entity is looked up as, and the value it is known by. */
export interface Target {
  kind: ObjectKind;
  /** `GET` path of the object, relative to the API base. */
  path: string;
  /** The observable's value as asked (the file's hash for files). */
  value: string;
}

/**
 * VirusTotal's URL identifier: the URL in unpadded URL-safe base64
 * (https://docs.virustotal.com/reference/url). The Python connector uses the standard alphabet,
 * whose `/` and `+` break the path for some URLs, then retries with a SHA-256 of its own.
 */
export const urlIdentifier = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');

/** The strongest hash the file has: SHA-256, else SHA-1, else MD5 (a SkipError without any). */
function bestHash(entity: StixObject): string {
  const hashes = hashesOf(entity);
  return (hashes['SHA-256'] ?? hashes['SHA-1'] ?? hashes.MD5)!;
}

export function targetOf(entity: StixObject, entityType: string): Target {
  switch (entityType) {
    case 'IPv4-Addr':
    case 'IPv6-Addr': {
      const ip = ipAddressOf(entity);
      return { kind: 'ip', path: vendorPath`/ip_addresses/${ip}`, value: ip };
    }
    case 'Domain-Name':
    case 'Hostname': {
      const name = domainNameOf(entity);
      return { kind: 'domain', path: vendorPath`/domains/${name}`, value: name };
    }
    case 'Url': {
      const value = typeof entity.value === 'string' ? entity.value.trim() : '';
      if (!value) throw new SkipError('this Url has no value');
      return { kind: 'url', path: vendorPath`/urls/${urlIdentifier(value)}`, value };
    }
    case 'StixFile':
    case 'Artifact': {
      const hash = bestHash(entity);
      return { kind: 'file', path: vendorPath`/files/${hash}`, value: hash };
    }
    default:
      throw new SkipError(`VirusTotal cannot look up a ${entityType}`);
  }
}

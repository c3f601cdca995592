import { hash } from 'node:crypto';

/** The 16 bytes of a UUID given in its text form, to hash as a v5 namespace. */
export function uuidBytes(uuid: string): Buffer {
  const bytes = Buffer.from(uuid.replace(/-/g, ''), 'hex');
  if (bytes.length !== 16) throw new TypeError(`not a UUID: ${uuid}`);
  return bytes;
}

/**
 * RFC 9562 UUID version 5: SHA-1 of the namespace bytes and the UTF-8 name, with the version and
 * variant bits set. The same result as the `uuid` package's `v5`, with a single one-shot hash and
 * no intermediate byte arrays (ids are computed several times per object).
 */
export function uuidV5(name: string, namespace: Buffer): string {
  const input = Buffer.allocUnsafe(namespace.length + Buffer.byteLength(name, 'utf8'));
  namespace.copy(input);
  input.write(name, namespace.length, 'utf8');
  const digest = hash('sha1', input, 'buffer');
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

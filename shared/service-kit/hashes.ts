import { SkipError } from '../pipeline/errors';
import type { StixObject } from '../stix/types';

/** The hashes a lookup may ask about, by their STIX names, in lower-case hex. At least one is set. */
export interface FileHashes {
  MD5?: string;
  'SHA-1'?: string;
  'SHA-256'?: string;
}

type HashName = keyof FileHashes;

/** Accepted spellings of each name, once upper-cased and stripped of `-`, `_` and spaces (`sha256`, `SHA_256`, `SHA-256`). */
const NAMES: Record<string, HashName> = { MD5: 'MD5', SHA1: 'SHA-1', SHA256: 'SHA-256' };
const HEX_LENGTH: Record<HashName, number> = { MD5: 32, 'SHA-1': 40, 'SHA-256': 64 };

/**
 * The MD5, SHA-1 and SHA-256 of a StixFile or Artifact (its STIX `hashes`), names normalised to
 * `MD5`, `SHA-1`, `SHA-256` and values to lower-case hex. A value that is not hex of the right
 * length is left out (the platform accepts free text there). Throws a {@link SkipError} when no
 * usable hash is left: a file known by its name only cannot be looked up.
 */
export function hashesOf(entity: StixObject): FileHashes {
  const raw = entity.hashes;
  const found: FileHashes = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const name = NAMES[key.toUpperCase().replace(/[-_\s]/g, '')];
      const hex = typeof value === 'string' ? value.trim().toLowerCase() : '';
      if (name && new RegExp(`^[0-9a-f]{${HEX_LENGTH[name]}}$`).test(hex)) found[name] ??= hex;
    }
  }
  if (Object.keys(found).length === 0) throw new SkipError(`this ${entity.type} has no usable MD5, SHA-1 or SHA-256 hash`);
  return found;
}

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** What identifies one vendor answer. */
export interface CacheKeyParts {
  /** The service's name (its folder under `functions/`), first in the key so IAM can scope a function to its own answers. */
  service: string;
  /** The STIX type looked up (`IPv4-Addr`). */
  entityType: string;
  /** The value as the service sends it to the vendor (already normalised: lower-cased domain, ...). */
  value: string;
  /** Anything else that changes the answer: options sent to the vendor (`{ maxAgeInDays: 90 }`), an API version. */
  variant?: Record<string, unknown>;
}

/**
 * The cache key of a vendor answer: `<service>/<entity type>/<SHA-256 of the canonical JSON of
 * value and variant>`. Equal parts give equal keys whatever the variant's key order; the hash
 * keeps keys short and the looked-up value out of the table's keys.
 */
export function cacheKey(parts: CacheKeyParts): string {
  const canonical = canonicalize({ value: parts.value, variant: parts.variant ?? {} });
  if (canonical === undefined) throw new TypeError(`cannot build a cache key for a ${parts.entityType} of ${parts.service}`);
  const digest = createHash('sha256').update(canonical).digest('base64url');
  return `${parts.service}/${parts.entityType}/${digest}`;
}

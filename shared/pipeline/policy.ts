import { highestTlp, isTlpAllowed, type TlpLevel } from '../stix/markings';
import type { StixObject } from '../stix/types';
import { SkipError } from './errors';
import { printable } from './printable';

/** Throws a {@link SkipError} when the service cannot enrich this entity type. */
export function checkScope(entityType: string, scope: readonly string[], serviceName: string): void {
  const wanted = entityType.toLowerCase();
  if (!scope.some((s) => s.toLowerCase() === wanted)) {
    throw new SkipError(`${printable(entityType)} is out of scope for ${serviceName} (handles ${scope.join(', ')})`);
  }
}

/**
 * Throws a {@link SkipError} when the entity's TLP is above the connector's maximum, so that no
 * data leaves for the vendor. Runs before any external call.
 */
export function checkTlp(entity: StixObject, maxTlp: TlpLevel, variable: string): void {
  const tlp = highestTlp(entity.object_marking_refs);
  if (!isTlpAllowed(tlp, maxTlp)) {
    throw new SkipError(`${tlp} is above the maximum ${maxTlp} (${variable}): not sent to the service`);
  }
}

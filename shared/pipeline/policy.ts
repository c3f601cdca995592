import { isTlpAllowed, tlpRank, type TlpLevel } from '../stix/markings';
import type { EntityMarkings } from './entity-markings';
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
 * data leaves for the vendor. Runs before any external call, and fails closed: a TLP-type marking
 * of no known level, or a marking whose definition could not be found, is above every maximum.
 * An entity without any TLP marking is allowed, as pycti's `check_max_tlp` does.
 */
export function checkTlp(markings: EntityMarkings, maxTlp: TlpLevel, variable: string): void {
  let tlp: TlpLevel | undefined;
  for (const { meaning } of markings.meanings) {
    if (meaning.kind === 'tlp' && (tlp === undefined || tlpRank(meaning.level) > tlpRank(tlp))) tlp = meaning.level;
  }
  if (!isTlpAllowed(tlp, maxTlp)) {
    throw new SkipError(`${tlp} is above the maximum ${maxTlp} (${variable}): not sent to the service`);
  }
  const unknown = markings.meanings.find((m) => m.meaning.kind === 'unknown-tlp');
  if (unknown?.meaning.kind === 'unknown-tlp') {
    throw new SkipError(
      `the TLP marking "${printable(unknown.meaning.definition)}" is not a known level (CLEAR, GREEN, AMBER, AMBER+STRICT, RED), so no ${variable} allows it: not sent to the service`,
    );
  }
  if (markings.unresolved.length) {
    throw new SkipError(
      `no definition could be found for the marking ${printable(markings.unresolved.join(', '))}, so its TLP is unknown: not sent to the service`,
    );
  }
}

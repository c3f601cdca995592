import { TLP_LEVELS, type TlpLevel } from './markings';
import type { StixObject } from './types';

/**
 * What one marking definition means for the TLP check. A TLP-type marking whose definition is
 * none of the five levels (a custom `TLP:EX:CHR`, a misspelling) is `unknown-tlp`: no maximum
 * allows it, as pycti's `check_max_tlp` refuses a level it does not know.
 */
export type MarkingMeaning =
  | { kind: 'tlp'; level: TlpLevel }
  | { kind: 'unknown-tlp'; definition: string }
  /** Any other type (statement, PAP, …): no bearing on TLP. */
  | { kind: 'other' };

const isTlpType = (type: unknown): boolean => typeof type === 'string' && type.trim().toUpperCase() === 'TLP';

/** The level a definition names, strictly: `TLP:AMBER` or `tlp:white`, never `amber` alone. */
function levelOf(definition: string): TlpLevel | undefined {
  const upper = definition.trim().toUpperCase();
  const level = upper === 'TLP:WHITE' ? 'TLP:CLEAR' : upper;
  return (TLP_LEVELS as readonly string[]).includes(level) ? (level as TlpLevel) : undefined;
}

function tlpMeaning(definition: unknown, fallback: string): MarkingMeaning {
  const level = typeof definition === 'string' ? levelOf(definition) : undefined;
  return level ? { kind: 'tlp', level } : { kind: 'unknown-tlp', definition: typeof definition === 'string' ? definition : fallback };
}

/**
 * The meaning of a (`definition_type`, `definition`) pair as OpenCTI stores it and GraphQL's
 * `objectMarking` returns it. The type is compared without regard to case (docs/protocol.md#markings).
 * `id` names the marking when its definition is missing.
 */
export function meaningOfPair(definitionType: unknown, definition: unknown, id: string): MarkingMeaning {
  return isTlpType(definitionType) ? tlpMeaning(definition, id) : { kind: 'other' };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `definition: {tlp: "amber"}` (STIX 2.1) or `{TLP: "TLP:AMBER"}`: the level's text, prefixed. */
function definitionText(definition: Record<string, unknown>): unknown {
  const key = Object.keys(definition).find((k) => k.toUpperCase() === 'TLP');
  const value = key === undefined ? undefined : definition[key];
  if (typeof value !== 'string') return value;
  return value.trim().toUpperCase().startsWith('TLP:') ? value : `TLP:${value}`;
}

/**
 * The meaning of a STIX marking-definition object (a playbook bundle's, say), from the first rule
 * that applies, as the worker reads a pushed marking: OpenCTI's `x_opencti_definition_type` and
 * `x_opencti_definition`; a `definition_type` (its `definition` text or object, else the `name`);
 * a `name` alone, whose text before `:` is the type. Undefined when the object carries no
 * definition at all, so the caller looks for one elsewhere.
 */
export function meaningOfStixMarking(marking: StixObject): MarkingMeaning | undefined {
  const { definition_type: type, definition, name, x_opencti_definition_type: xType, x_opencti_definition: xDefinition } = marking;
  if (xType !== undefined && xDefinition !== undefined) return meaningOfPair(xType, xDefinition, marking.id);
  if (type !== undefined && type !== null) {
    if (!isTlpType(type)) return { kind: 'other' };
    const text = (isRecord(definition) ? definitionText(definition) : definition) ?? name;
    return tlpMeaning(text, typeof name === 'string' ? name : marking.id);
  }
  if (typeof name === 'string' && name.includes(':')) return meaningOfPair(name.slice(0, name.indexOf(':')), name, marking.id);
  return typeof name === 'string' ? { kind: 'other' } : undefined;
}

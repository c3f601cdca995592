import type { StixObject } from './types';

/** The five TLP levels OpenCTI knows, from the least to the most restrictive. */
export const TLP_LEVELS = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

/** Fixed marking-definition ids of the TLP levels (docs/protocol.md#sdo-and-sro-ids); CLEAR and WHITE share one. */
export const TLP_MARKING_IDS: Record<TlpLevel, string> = {
  'TLP:CLEAR': 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  'TLP:GREEN': 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  'TLP:AMBER': 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  'TLP:AMBER+STRICT': 'marking-definition--826578e1-40ad-459f-bc73-ede076f81f37',
  'TLP:RED': 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

const TLP_CREATED = '2017-01-20T00:00:00.000Z';

/**
 * The TLP marking objects in a form the OASIS schemas accept. TLP:CLEAR is emitted as the standard
 * TLP:WHITE object (same id; the schema knows TLP 1.0 values only); AMBER+STRICT is a statement
 * marking carrying OpenCTI's TLP type, as pycti defines it.
 */
export function tlpMarking(level: TlpLevel): StixObject {
  const base = { type: 'marking-definition', spec_version: '2.1' as const, id: TLP_MARKING_IDS[level], created: TLP_CREATED };
  if (level === 'TLP:AMBER+STRICT') {
    return {
      ...base,
      name: 'TLP:AMBER+STRICT',
      definition_type: 'statement',
      definition: { statement: 'custom' },
      x_opencti_definition_type: 'TLP',
      x_opencti_definition: 'TLP:AMBER+STRICT',
    };
  }
  const colour = level === 'TLP:CLEAR' ? 'white' : level.slice(4).toLowerCase();
  return { ...base, name: `TLP:${colour.toUpperCase()}`, definition_type: 'tlp', definition: { tlp: colour } };
}

/** Normalises a user's spelling of a TLP level (`amber`, `tlp:white`, `TLP:AMBER+STRICT`); undefined if unknown. */
export function parseTlp(value: string): TlpLevel | undefined {
  const upper = value.trim().toUpperCase();
  const prefixed = upper.startsWith('TLP:') ? upper : `TLP:${upper}`;
  if (prefixed === 'TLP:WHITE') return 'TLP:CLEAR';
  return (TLP_LEVELS as readonly string[]).includes(prefixed) ? (prefixed as TlpLevel) : undefined;
}

const LEVEL_BY_ID = new Map(Object.entries(TLP_MARKING_IDS).map(([level, id]) => [id, level as TlpLevel]));

/** The TLP level behind a marking-definition id, if it is one of the fixed TLP ids. */
export const tlpOfMarkingId = (id: string): TlpLevel | undefined => LEVEL_BY_ID.get(id);

/** Rank of a level: 0 for CLEAR up to 4 for RED. */
export const tlpRank = (level: TlpLevel): number => TLP_LEVELS.indexOf(level);

/**
 * pycti's `check_max_tlp`: true when `tlp` is allowed under `max`. Unlike pycti, AMBER+STRICT is not
 * allowed under AMBER, and RED only under RED, which is the same table (docs/protocol.md#tlp-check).
 */
export function isTlpAllowed(tlp: TlpLevel | undefined, max: TlpLevel): boolean {
  return tlp === undefined || tlpRank(tlp) <= tlpRank(max);
}

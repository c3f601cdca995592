import canonicalize from 'canonicalize';
import { uuidBytes, uuidV5 } from './uuid-v5';

/**
 * The namespace STIX 2.1 uses for SCO ids, which pycti and the platform also use for
 * every deterministic SDO, SRO and meta-object id (docs/protocol.md#id-algorithm).
 */
export const STIX_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';

const STIX_NAMESPACE_BYTES = uuidBytes(STIX_NAMESPACE);

/** UUID v5 of a name in the {@link STIX_NAMESPACE}. */
export const stixUuidV5 = (name: string): string => uuidV5(name, STIX_NAMESPACE_BYTES);

/**
 * `<type>--UUIDv5(namespace, JCS(contributing properties))`, the STIX 2.1 id rule. Throws a
 * TypeError when none of the properties is set: STIX would fall back to a random UUIDv4, which
 * here would add a new copy of the object on every enrichment instead of updating the last one.
 */
export function deterministicId(type: string, contributing: Record<string, unknown>): string {
  const present: Record<string, unknown> = {};
  let count = 0;
  for (const key of Object.keys(contributing)) {
    const value = contributing[key];
    if (value === undefined || value === null) continue;
    present[key] = value;
    count++;
  }
  if (count === 0) {
    throw new TypeError(
      `cannot make a deterministic ${type} id: none of its id properties (${Object.keys(contributing).join(', ')}) is set`,
    );
  }
  const name = canonicalize(present);
  if (name === undefined) throw new TypeError(`cannot canonicalize the id properties of a ${type}`);
  return `${type}--${stixUuidV5(name)}`;
}

const lowerStrip = (value: string): string => value.toLowerCase().trim();

/** Hash algorithms in the order python-stix2 picks the one hash that contributes to an id. */
const PREFERRED_HASHES = ['MD5', 'SHA-1', 'SHA-256', 'SHA-512'];

/**
 * The single hash entry that contributes to a file, artifact or certificate id:
 * the first present of MD5, SHA-1, SHA-256, SHA-512, else the first key.
 */
export function contributingHash(hashes: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!hashes) return undefined;
  const keys = Object.keys(hashes);
  const key = PREFERRED_HASHES.find((k) => hashes[k] !== undefined) ?? keys[0];
  return key === undefined ? undefined : { [key]: hashes[key] as string };
}

/** Value-keyed SCO types whose platform standard id is computed on the lower-cased value. */
const LOWER_CASED_VALUE_TYPES = new Set(['domain-name', 'email-addr']);

/** Id of an SCO whose identity is its `value` (IP, domain, URL, hostname, ...). */
export function valueObservableId(type: string, value: string): string {
  const normalised = LOWER_CASED_VALUE_TYPES.has(type) ? value.toLowerCase() : value;
  return deterministicId(type, { value: normalised });
}

/** File id as the platform computes it: one hash, or else the name (never both). */
export function fileId(hashes: Record<string, string> | undefined, name?: string): string {
  const hash = contributingHash(hashes);
  return deterministicId('file', hash ? { hashes: hash } : { name });
}

/** X.509 certificate id: one hash, or else the serial number, or else the subject. */
export function x509CertificateId(cert: { hashes?: Record<string, string>; serial_number?: string; subject?: string }): string {
  const hash = contributingHash(cert.hashes);
  if (hash) return deterministicId('x509-certificate', { hashes: hash });
  if (cert.serial_number) return deterministicId('x509-certificate', { serial_number: cert.serial_number });
  return deterministicId('x509-certificate', { subject: cert.subject });
}

export const autonomousSystemId = (number: number): string => deterministicId('autonomous-system', { number });

export const softwareId = (sw: { name: string; cpe?: string; swid?: string; vendor?: string; version?: string }): string =>
  deterministicId('software', { name: sw.name, cpe: sw.cpe, swid: sw.swid, vendor: sw.vendor, version: sw.version });

export const identityId = (name: string, identityClass: string): string =>
  deterministicId('identity', { name: lowerStrip(name), identity_class: identityClass.toLowerCase() });

/** OpenCTI location types carried in `x_opencti_location_type`. */
export type LocationType = 'Country' | 'City' | 'Region' | 'Administrative-Area' | 'Position';

export function locationId(name: string, locationType: LocationType): string {
  return deterministicId('location', { name: lowerStrip(name), x_opencti_location_type: locationType });
}

/** Ids of SDOs identified by their name alone (vulnerability, malware, tool, ...). */
export const namedObjectId = (type: string, name: string): string => deterministicId(type, { name: lowerStrip(name) });

export function attackPatternId(name: string, mitreId?: string): string {
  return mitreId ? deterministicId('attack-pattern', { x_mitre_id: mitreId.trim() }) : namedObjectId('attack-pattern', name);
}

export const indicatorId = (pattern: string): string => deterministicId('indicator', { pattern: pattern.trim() });

/** Note id from its content and creation time: stable across runs when `created` is stable. */
export const noteId = (content: string, created?: string): string => deterministicId('note', { content: content.trim(), created });

export function relationshipId(
  relationshipType: string,
  sourceRef: string,
  targetRef: string,
  startTime?: string,
  stopTime?: string,
): string {
  return deterministicId('relationship', {
    relationship_type: relationshipType,
    source_ref: sourceRef,
    target_ref: targetRef,
    start_time: startTime,
    stop_time: startTime ? stopTime : undefined,
  });
}

export function sightingId(sightingOfRef: string, whereSightedRefs: string[], firstSeen?: string, lastSeen?: string): string {
  return deterministicId('sighting', {
    type: 'sighting',
    sighting_of_ref: sightingOfRef,
    where_sighted_refs: whereSightedRefs,
    first_seen: firstSeen,
    last_seen: firstSeen ? lastSeen : undefined,
  });
}

export function malwareAnalysisId(resultName: string, product: string, submitted?: string): string {
  return deterministicId('malware-analysis', { result_name: lowerStrip(resultName), product, submitted });
}

export function externalReferenceId(ref: { url?: string; source_name?: string; external_id?: string }): string {
  return ref.url
    ? deterministicId('external-reference', { url: ref.url })
    : deterministicId('external-reference', { source_name: ref.source_name, external_id: ref.external_id });
}

export const markingDefinitionId = (definitionType: string, definition: string): string =>
  deterministicId('marking-definition', { definition_type: definitionType, definition });

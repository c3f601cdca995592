import { OPENCTI_SCO_EXTENSION_ID, type StixObject } from '../../shared/service-kit';
import type { VirusTotalAttributes } from './schema';

/** VirusTotal knows some files under hundreds of names; a few dozen say enough. */
const MAX_ADDITIONAL_NAMES = 50;

const HASH_NAMES: Record<string, 'MD5' | 'SHA-1' | 'SHA-256'> = { MD5: 'MD5', SHA1: 'SHA-1', SHA256: 'SHA-256' };

/** The entity's hashes with VirusTotal's MD5, SHA-1 and SHA-256 in place of any spelling of them it had. */
function mergedHashes(entity: StixObject, attributes: VirusTotalAttributes): Record<string, string> {
  const own = Object.entries((entity.hashes as Record<string, string> | undefined) ?? {}).filter(
    ([name]) => !HASH_NAMES[name.toUpperCase().replace(/[-_\s]/g, '')],
  );
  const known = Object.fromEntries(own);
  const vendor = { MD5: attributes.md5, 'SHA-1': attributes.sha1, 'SHA-256': attributes.sha256 };
  for (const [name, value] of Object.entries(vendor)) if (value) known[name] = value.toLowerCase();
  return known;
}

/**
 * What VirusTotal knows of a file, written onto the StixFile or Artifact: its hashes; for a
 * StixFile its size, and its first name when it has none; the other names as additional names
 * (in OpenCTI's extension when the entity has it, as the platform sends it).
 */
export function updateFile(entity: StixObject, entityType: string, attributes: VirusTotalAttributes): StixObject {
  const copy: StixObject = { ...entity, hashes: mergedHashes(entity, attributes) };
  const names = [...new Set(attributes.names.map((n) => n.trim()).filter(Boolean))];
  if (entityType === 'StixFile') {
    if (attributes.size !== undefined) copy.size = attributes.size;
    if (!(typeof copy.name === 'string' && copy.name.trim()) && names.length) copy.name = names.shift();
  }
  const others = names.filter((n) => n !== copy.name);
  if (others.length === 0) return copy;
  const extensions = copy.extensions as Record<string, Record<string, unknown>> | undefined;
  const extension = extensions?.[OPENCTI_SCO_EXTENSION_ID];
  const existing = ((extension ? extension.additional_names : copy.x_opencti_additional_names) as string[] | undefined) ?? [];
  const additional = [...new Set([...existing, ...others])].slice(0, Math.max(existing.length, MAX_ADDITIONAL_NAMES));
  if (extension) copy.extensions = { ...extensions, [OPENCTI_SCO_EXTENSION_ID]: { ...extension, additional_names: additional } };
  else copy.x_opencti_additional_names = additional;
  return copy;
}

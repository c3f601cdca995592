export { buildBundle, countByType } from './bundle';
export { attackPattern, authorIdentity, indicator, malware, malwareAnalysis, note, vulnerability } from './domain-objects';
export { updateEntity } from './entity-update';
export {
  deterministicId,
  externalReferenceId,
  fileId,
  identityId,
  indicatorId,
  markingDefinitionId,
  namedObjectId,
  noteId,
  relationshipId,
  STIX_NAMESPACE,
  valueObservableId,
} from './ids';
export { cityLocation, countryLocation, regionLocation } from './locations';
export { highestTlp, isTlpAllowed, parseTlp, TLP_LEVELS, tlpMarking, type TlpLevel } from './markings';
export { observableSighting } from './observable-sighting';
export {
  autonomousSystem,
  domainName,
  emailAddr,
  file,
  hostname,
  ipv4Addr,
  ipv6Addr,
  macAddr,
  software,
  url,
  valueObservable,
  x509Certificate,
} from './observables';
export { OPENCTI_EXTENSION_ID, OPENCTI_SCO_EXTENSION_ID, openctiTypeOf } from './opencti-types';
export { relationship, sighting } from './relationships';
export type { StixBundle, StixObject } from './types';
export { undatedNote } from './undated-note';

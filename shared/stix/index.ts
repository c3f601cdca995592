export { buildBundle, countByType } from './bundle';
export { allCountries, countryLocation, findCountry, type Country } from './countries';
export {
  attackPattern,
  authorIdentity,
  indicator,
  malware,
  malwareAnalysis,
  note,
  organization,
  vulnerability,
  type IndicatorFields,
  type MalwareAnalysisFields,
} from './domain-objects';
export { updateEntity, type EntityUpdate } from './entity-update';
export {
  deterministicId,
  externalReferenceId,
  fileId,
  identityId,
  indicatorId,
  locationId,
  markingDefinitionId,
  namedObjectId,
  noteId,
  relationshipId,
  sightingId,
  STIX_NAMESPACE,
  stixUuidV5,
  valueObservableId,
} from './ids';
export { cityLocation, regionLocation, type PlaceFields } from './locations';
export { isTlpAllowed, parseTlp, TLP_LEVELS, TLP_MARKING_IDS, tlpMarking, tlpOfMarkingId, tlpRank, type TlpLevel } from './markings';
export { meaningOfPair, meaningOfStixMarking, type MarkingMeaning } from './marking-definitions';
export { observableSighting } from './observable-sighting';
export {
  autonomousSystem,
  domainName,
  emailAddr,
  file,
  hostname,
  ipAddr,
  ipv4Addr,
  ipv6Addr,
  macAddr,
  software,
  url,
  valueObservable,
  x509Certificate,
  type ValueObservableType,
  type X509Fields,
} from './observables';
export { OPENCTI_EXTENSION_ID, OPENCTI_SCO_EXTENSION_ID, openctiTypeOf } from './opencti-types';
export { relationship, sighting, type SightingFields } from './relationships';
export { threatActor, tool } from './threat-objects';
export type { CommonProperties, ExternalReference, StixBundle, StixObject } from './types';
export { undatedNote } from './undated-note';

/**
 * The service kit: the one import of a `functions/<service>/` folder. The contract a service
 * fulfils, the errors it may throw, helpers for its lookup (HTTP, answer checking, reading the
 * entity's value) and the STIX builders for its mapping. See docs/adding-a-service.md.
 */

// The contract and the Lambda entry.
export type { ErrorContext, LookupContext, MappingContext, ServiceDefinition, ServiceOptions } from '../pipeline/service';
export {
  booleanOption,
  choiceOption,
  integerOption,
  scoreOption,
  type ServiceOption,
  type ServiceOptionSpecs,
} from '../config/service-options';
export { booleanSetting, listSetting } from '../config/coerce';
export { createSqsHandler } from '../pipeline/handler';

// Errors a lookup or a classifyError hook may throw or return.
export {
  ComeBackLaterError,
  NonRetryableError,
  PipelineError,
  RetryableError,
  SkipError,
  type ComeBackLaterOptions,
  type RetryableErrorOptions,
} from '../pipeline/errors';

// The lookup: HTTP, answers, the entity's value.
export { getJson, httpFailureOf, vendorPath, type GetJsonOptions, type HttpFailure } from './http';
export { parseVendorAnswer } from './vendor-answer';
export { parseRetryAfter } from '../pipeline/classify';
export { cveOf, domainNameOf, ipAddressOf } from './readers';
export { hashesOf, type FileHashes } from './hashes';
export { artifactContent, type ArtifactContent } from './artifact';
export { parseCpe, type CpeProduct } from './cpe';

// The mapping: STIX objects with deterministic ids, dated by `ctx.now`.
export {
  attackPattern,
  autonomousSystem,
  cityLocation,
  countryLocation,
  findCountry,
  domainName,
  emailAddr,
  externalReferenceId,
  file,
  fileId,
  hostname,
  indicator,
  ipAddr,
  ipv4Addr,
  ipv6Addr,
  macAddr,
  malware,
  malwareAnalysis,
  namedObjectId,
  note,
  observableSighting,
  OPENCTI_EXTENSION_ID,
  OPENCTI_SCO_EXTENSION_ID,
  organization,
  regionLocation,
  relationship,
  relationshipId,
  sighting,
  sightingId,
  software,
  threatActor,
  tool,
  undatedNote,
  updateEntity,
  url,
  valueObservable,
  valueObservableId,
  vulnerability,
  x509Certificate,
  type CommonProperties,
  type EntityUpdate,
  type ExternalReference,
  type IndicatorFields,
  type MalwareAnalysisFields,
  type PlaceFields,
  type SightingFields,
  type StixObject,
  type ValueObservableType,
  type X509Fields,
} from '../stix';

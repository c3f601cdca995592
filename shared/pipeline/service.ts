import type { AxiosInstance } from 'axios';
import type { StixObject } from '../stix/types';

/** What a service's lookup gets: an HTTP client already pointed at the vendor, the key, the entity. */
export interface LookupContext {
  /** axios with the vendor base URL (`<SERVICE>_BASE_URL` or the default) and a timeout. */
  http: AxiosInstance;
  baseUrl: string;
  /** The API key, when the service has one (resolved from the variable or Secrets Manager). */
  apiKey?: string;
  /** The entity to enrich, in STIX form. */
  entity: StixObject;
  /** Its OpenCTI type, e.g. `IPv4-Addr`, `StixFile`, `Vulnerability`. */
  entityType: string;
}

/** What a service's pure mapping gets: everything it may put in objects, no I/O, no clock. */
export interface MappingContext {
  entity: StixObject;
  entityType: string;
  /** The connector's author identity id (`created_by_ref`). */
  authorId: string;
  /** The entity's marking ids; the pipeline also copies them onto objects that have none. */
  markings: string[];
  /** The pipeline clock, ISO 8601: use it for `created`/`modified`, never `new Date()`. */
  now: string;
}

/**
 * An enrichment service: the only code a `functions/<service>/` folder holds. The shared pipeline
 * does everything else (messages, OpenCTI, TLP, scope, retries, bundles, publishing).
 */
export interface ServiceDefinition<Result = unknown> {
  /** Folder and OpenCTI connector name it replaces, e.g. `shodan-internetdb`. */
  name: string;
  /** Author identity name on created objects, e.g. `Shodan`. */
  author: string;
  /** OpenCTI entity types the service can enrich. */
  scope: readonly string[];
  /** Whether the vendor needs an API key (`<SERVICE>_API_KEY`). */
  apiKey: 'required' | 'optional' | 'none';
  /** Vendor API base URL, overridable with `<SERVICE>_BASE_URL`. */
  defaultBaseUrl: string;
  /**
   * Calls the vendor. Returns undefined when the vendor has no data for the entity. Throws
   * {@link SkipError} when the entity has nothing this service can look up; lets axios errors
   * through (the pipeline classifies 429/5xx/timeouts as retryable, 401/403 as a key problem), or
   * throws {@link RetryableError} / {@link NonRetryableError} for vendor-specific answers (quota).
   */
  lookup(context: LookupContext): Promise<Result | undefined>;
  /**
   * Maps the vendor answer to STIX objects, purely. May return an updated copy of the entity
   * (same id) to change its score, labels or external references; it replaces the original.
   */
  toStix(result: Result, context: MappingContext): StixObject[];
}

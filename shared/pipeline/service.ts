import type { AxiosInstance } from 'axios';
import type { ServiceOptionSpecs } from '../config/service-options';
import type { StixObject } from '../stix/types';
import type { PipelineError } from './errors';

/** A service's own settings once parsed, by option key (see {@link ServiceDefinition.options}). */
export type ServiceOptions = Readonly<Record<string, unknown>>;

/** What a service's lookup gets: an HTTP client already pointed at the vendor, the key, the entity. */
export interface LookupContext<Options = ServiceOptions> {
  /** axios with the vendor base URL (`<SERVICE>_BASE_URL` or the default) and a timeout. */
  http: AxiosInstance;
  baseUrl: string;
  /**
   * The API key, resolved from the variable or Secrets Manager. Always set for a service with
   * `apiKey: 'required'` (the configuration refuses to start without it), so a lookup need not check.
   */
  apiKey?: string;
  /** The entity to enrich, in STIX form. */
  entity: StixObject;
  /** Its OpenCTI type, e.g. `IPv4-Addr`, `StixFile`, `Vulnerability`. */
  entityType: string;
  /**
   * The `state` of the `ComeBackLaterError` this lookup threw on an earlier delivery of the same
   * message; undefined on the first delivery.
   */
  resume?: unknown;
  /** The service's own settings, parsed ({@link ServiceDefinition.options}). */
  options: Options;
  /**
   * Downloads a file the platform stores for the entity (`uri` as its STIX form gives it,
   * `/storage/get/<id>`), with the connector's token; undefined when the platform has none. Throws
   * `OpenCtiFileTooLargeError` for a file over `maxBytes`, and the platform's other failures as OpenCTI errors (retried when the platform is unavailable). Use {@link artifactContent} rather than this.
   * @default none (tools and tests without a platform): stored files cannot be read
   */
  openctiFile?: (uri: string, maxBytes: number) => Promise<Buffer | undefined>;
}

/** What a service's pure mapping gets: everything it may put in objects, no I/O, no clock. */
export interface MappingContext<Options = ServiceOptions> {
  entity: StixObject;
  entityType: string;
  /** The connector's author identity id (`created_by_ref`). */
  authorId: string;
  /** The entity's marking ids; the pipeline also copies them onto objects that have none. */
  markings: string[];
  /** The pipeline clock, ISO 8601: use it for `created`/`modified`, never `new Date()`. */
  now: string;
  /** The service's own settings, parsed ({@link ServiceDefinition.options}). */
  options: Options;
}

/** What a service's {@link ServiceDefinition.classifyError} hook gets besides the error. */
export interface ErrorContext {
  /** The pipeline clock, epoch milliseconds: for `Retry-After` given as a date. */
  nowMs: number;
  /** The API key variable (`<SERVICE>_API_KEY`), for messages that name the setting to fix. */
  keyVariable: string;
}

/**
 * An enrichment service: the only code a `functions/<service>/` folder holds. The shared pipeline
 * does everything else (messages, OpenCTI, TLP, scope, retries, bundles, publishing).
 */
export interface ServiceDefinition<Result = unknown, Options = ServiceOptions> {
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
   * The vendor's documented limits for the plan a user most likely has (the free tier), as
   * `<count>/<period>` windows separated by commas (`4/m,500/d`, `20/10s`), or `none` where the
   * vendor documents none. `<SERVICE>_RATE_LIMIT` overrides it. Cite the vendor page in docs/services.md.
   */
  defaultRateLimit: string;
  /**
   * How long, in seconds, a vendor answer stays good enough to reuse instead of calling again
   * (`0`: never cached). `<SERVICE>_CACHE_TTL` overrides it.
   */
  defaultCacheTtlSeconds: number;
  /**
   * Settings of the service's own, by key: `ipAddRelationships` is read as
   * `<SERVICE>_IP_ADD_RELATIONSHIPS` (or `<service>.ip_add_relationships` in config.yml), parsed
   * once at start with the same error naming as every setting, and handed to the lookup and the
   * mapping as `options`. Declare them with the kit's `booleanOption` and `integerOption`.
   * @default none
   */
  options?: ServiceOptionSpecs<Options>;
  /**
   * Calls the vendor. Returns undefined when the vendor has no data for the entity. Throws a
   * `SkipError` when the entity has nothing this service can look up (the service kit's value
   * readers do); lets HTTP failures through (the pipeline classifies 429/5xx/timeouts as
   * retryable, 401/403 as a key problem, after `classifyError`), or throws a `RetryableError` /
   * `NonRetryableError` for answers that say more in their body (an unexpected shape, a DNS RCODE).
   */
  lookup(context: LookupContext<Options>): Promise<Result | undefined>;
  /**
   * Optional: reads a vendor-specific failure the lookup let through (typically a quota answer,
   * see `httpFailureOf` and `parseRetryAfter`) before the pipeline's generic classification.
   * Returns the typed error, or undefined to leave the failure to the generic rules.
   * @default none: every failure is classified generically
   */
  classifyError?: (error: unknown, context: ErrorContext) => PipelineError | undefined;
  /**
   * Maps the vendor answer to STIX objects, purely. May return an updated copy of the entity
   * (same id) to change its score, labels or external references; it replaces the original.
   */
  toStix(result: Result, context: MappingContext<Options>): StixObject[];
}

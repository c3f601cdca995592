import type { StixBundle, StixObject } from '../stix/types';
import * as docs from './documents';
import { OpenCtiAuthError, OpenCtiFileTooLargeError, OpenCtiGraphQLError, OpenCtiHttpError, OpenCtiUnavailableError } from './errors';
import {
  createHttpTransport,
  HttpTransportError,
  RESPONSE_TOO_LARGE,
  type BinaryAnswer,
  type HttpAnswer,
  type JsonTransport,
} from './http-transport';
import type { ConnectorRegistration, ObjectMarking, PlaybookStepResult, RegisterConnectorInput } from './types';
import { atLeast } from './version';

export interface OpenCtiClientOptions {
  /** Platform base URL (`OPENCTI_URL`); requests go to `<url>/graphql`. */
  url: string;
  /** API token of the connector's user. */
  token: string;
  /** Verify the platform's TLS certificate (`OPENCTI_SSL_VERIFY`). @default true */
  sslVerify?: boolean;
  /** Per-request timeout in milliseconds. @default 60000 */
  timeoutMs?: number;
  /** Largest answer accepted, in bytes. @default 32 MiB */
  maxResponseBytes?: number;
  /** Posts to `<url>/graphql`; tests may hand in their own. @default {@link createHttpTransport} with the options above */
  transport?: JsonTransport;
}

/** Where the platform serves stored files (`files[].uri` of its STIX extension). */
const STORAGE_URI = /^\/storage\/get\/[^?#\\]+$/;

const AUTH_CODES = new Set(['AUTH_REQUIRED', 'AuthRequired', 'FORBIDDEN_ACCESS', 'ForbiddenAccess', 'AUTH_FAILURE']);

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message?: string; name?: string; extensions?: { code?: string } }>;
}

/** GraphQL over HTTP to an OpenCTI platform, with the operations an enrichment connector needs. */
export class OpenCtiClient {
  readonly #transport: JsonTransport;
  readonly #headers: Readonly<Record<string, string>>;

  constructor(private readonly options: OpenCtiClientOptions) {
    this.#transport =
      options.transport ??
      createHttpTransport({
        url: `${options.url}/graphql`,
        sslVerify: options.sslVerify,
        timeoutMs: options.timeoutMs ?? 60_000,
        maxResponseBytes: options.maxResponseBytes,
      });
    this.#headers = {
      Accept: 'application/json',
      Authorization: `Bearer ${options.token}`,
      'Content-Type': 'application/json',
      'User-Agent': 'opencti-serverless-enrichment',
    };
  }

  /** Runs one GraphQL operation and returns its `data`, or throws a classified {@link OpenCtiError}. */
  async request<T>(operation: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let answer: HttpAnswer;
    try {
      answer = await this.#transport.post(JSON.stringify({ query, variables }), this.#headers);
    } catch (error) {
      if (error instanceof HttpTransportError && error.code === RESPONSE_TOO_LARGE)
        throw new OpenCtiHttpError(`OpenCTI answered ${operation} with ${error.message}`, 200);
      // Keep only the code and message: a transport error must never carry the request headers along.
      const code = (error as { code?: string }).code ?? 'network error';
      throw new OpenCtiUnavailableError(
        `OpenCTI at ${this.options.url} is unreachable for ${operation}: ${code} ${(error as Error).message}`.trim(),
      );
    }
    const { status } = answer;
    if (status === 401 || status === 403) {
      throw new OpenCtiAuthError(`OpenCTI refused the token for ${operation} (HTTP ${status}): check OPENCTI_TOKEN`);
    }
    if (status !== 200) {
      const message = `OpenCTI answered HTTP ${status} to ${operation}: ${answer.body.slice(0, 300)}`;
      throw status >= 500 || status === 429 ? new OpenCtiUnavailableError(message) : new OpenCtiHttpError(message, status);
    }
    let body: GraphQLResponse<T> | null;
    try {
      body = JSON.parse(answer.body) as GraphQLResponse<T> | null;
    } catch {
      throw new OpenCtiUnavailableError(`OpenCTI answered ${operation} with a body that is not JSON: ${answer.body.slice(0, 100)}`);
    }
    const first = body?.errors?.[0];
    if (first) {
      const code = first.extensions?.code ?? first.name;
      const message = first.message ?? first.name ?? 'unknown error';
      if (code && AUTH_CODES.has(code))
        throw new OpenCtiAuthError(`OpenCTI refused the token for ${operation}: ${message}; check OPENCTI_TOKEN`);
      throw new OpenCtiGraphQLError(operation, message, { code });
    }
    if (!body || body.data === undefined) throw new OpenCtiUnavailableError(`OpenCTI answered ${operation} without data`);
    return body.data;
  }

  /** The platform version (`about { version }`), which also proves the token works. */
  async health(): Promise<string> {
    const data = await this.request<{ about: { version: string } | null }>('health check', docs.HEALTH_CHECK);
    if (!data.about) throw new OpenCtiUnavailableError('OpenCTI health check returned no version');
    return data.about.version;
  }

  /** Registers (or updates) the connector, leaving out input fields `platformVersion` does not know. */
  async registerConnector(input: RegisterConnectorInput, platformVersion: string): Promise<ConnectorRegistration> {
    const sent: Record<string, unknown> = { ...input };
    if (!atLeast(platformVersion, '6.8.9')) {
      delete sent.auto_update;
      delete sent.enrichment_resolution;
    }
    if (!atLeast(platformVersion, '6.6.0')) delete sent.listen_callback_uri;
    const data = await this.request<{ registerConnector: ConnectorRegistration | null }>('registerConnector', docs.REGISTER_CONNECTOR, {
      input: sent,
    });
    if (!data.registerConnector) throw new OpenCtiUnavailableError('registerConnector returned no connector');
    return data.registerConnector;
  }

  /** Pings the connector so the platform keeps it active; `connectorInfo` only on platforms >= 6.3. */
  async pingConnector(id: string, state: unknown, platformVersion: string): Promise<{ connector_state: string | null }> {
    const variables = { id, state: JSON.stringify(state ?? null) };
    const data = atLeast(platformVersion, '6.3.0')
      ? await this.request<{ pingConnector: { connector_state: string | null } }>('pingConnector', docs.PING_CONNECTOR, {
          ...variables,
          connectorInfo: { run_and_terminate: false, buffering: false, queue_threshold: 500, queue_messages_size: 0 },
        })
      : await this.request<{ pingConnector: { connector_state: string | null } }>('pingConnector', docs.PING_CONNECTOR_LEGACY, variables);
    return data.pingConnector;
  }

  /** The platform's STIX form of an entity, or undefined when it does not exist or the user cannot read it. */
  async readStixEntity(id: string): Promise<StixObject | undefined> {
    const data = await this.request<{ stix: string | null }>('read entity', docs.READ_STIX, { id });
    if (!data.stix) return undefined;
    return JSON.parse(data.stix) as StixObject;
  }

  /** An entity's markings with their definitions, or undefined when the entity does not exist or the user cannot read it. */
  async readEntityMarkings(id: string): Promise<ObjectMarking[] | undefined> {
    const data = await this.request<{ stixCoreObject: { objectMarking: ObjectMarking[] | null } | null }>(
      'read entity markings',
      docs.READ_ENTITY_MARKINGS,
      { id },
    );
    if (!data.stixCoreObject) return undefined;
    return data.stixCoreObject.objectMarking ?? [];
  }

  /** A work's name (`Manual enrichment`, `Enrichment (<id>)`), or undefined when the platform has no such work. */
  async readWorkName(workId: string): Promise<string | undefined> {
    const data = await this.request<{ work: { name: string | null } | null }>('read work name', docs.READ_WORK_NAME, { id: workId });
    return data.work?.name ?? undefined;
  }

  async workToReceived(workId: string, message: string): Promise<void> {
    await this.request('workEdit.toReceived', docs.WORK_TO_RECEIVED, { id: workId, message });
  }

  async workToProcessed(workId: string, message: string, inError = false): Promise<void> {
    await this.request('workEdit.toProcessed', docs.WORK_TO_PROCESSED, { id: workId, message, inError });
  }

  /** Announces how many bundles the workers will import for a work, before they are published. */
  async workAddExpectations(workId: string, expectations: number): Promise<void> {
    await this.request('workEdit.addExpectations', docs.WORK_ADD_EXPECTATIONS, { id: workId, expectations });
  }

  /** Sends a whole bundle for the platform's workers to import (`CONNECTOR_QUEUE_PROTOCOL=api`). */
  async pushBundle(connectorId: string, bundle: StixBundle, workId?: string | null): Promise<void> {
    await this.request('stixBundlePush', docs.STIX_BUNDLE_PUSH, { connectorId, bundle: JSON.stringify(bundle), work_id: workId ?? null });
  }

  /**
   * A file the platform stores (an Artifact's upload), by the `uri` its STIX form gives
   * (`/storage/get/<file id>`): the bytes, or undefined when the platform has no such file. Only
   * storage paths of this platform are fetched, with the connector's token; an answer over
   * `maxBytes` fails with {@link OpenCtiFileTooLargeError}.
   */
  async downloadFile(uri: string, maxBytes: number): Promise<Buffer | undefined> {
    if (!STORAGE_URI.test(uri) || /%2e|%2f|%5c/i.test(uri) || uri.split('/').some((segment) => segment === '..' || segment === '.'))
      throw new OpenCtiHttpError(`not a file of the platform's storage: ${JSON.stringify(uri.slice(0, 120))}`, 400);
    if (!this.#transport.get) throw new OpenCtiUnavailableError('this OpenCTI transport cannot download files');
    const path = `${new URL(this.options.url).pathname.replace(/\/+$/, '')}${uri}`;
    let answer: BinaryAnswer;
    try {
      answer = await this.#transport.get(
        path,
        { Authorization: this.#headers.Authorization!, 'User-Agent': this.#headers['User-Agent']! },
        maxBytes,
      );
    } catch (error) {
      if (error instanceof HttpTransportError && error.code === RESPONSE_TOO_LARGE) throw new OpenCtiFileTooLargeError(uri, maxBytes);
      const code = (error as { code?: string }).code ?? 'network error';
      throw new OpenCtiUnavailableError(
        `OpenCTI at ${this.options.url} is unreachable for a file download: ${code} ${(error as Error).message}`.trim(),
      );
    }
    if (answer.status === 200) return answer.body;
    if (answer.status === 404) return undefined;
    if (answer.status === 401 || answer.status === 403)
      throw new OpenCtiAuthError(`OpenCTI refused the token for a file download (HTTP ${answer.status}): check OPENCTI_TOKEN`);
    const message = `OpenCTI answered HTTP ${answer.status} to a file download`;
    throw answer.status >= 500 || answer.status === 429
      ? new OpenCtiUnavailableError(message)
      : new OpenCtiHttpError(message, answer.status);
  }

  /** Answers a playbook step with the result bundle, so the playbook goes on. */
  async playbookStepExecution(result: PlaybookStepResult): Promise<void> {
    const p = result.playbook;
    await this.request('playbookStepExecution', docs.PLAYBOOK_STEP_EXECUTION, {
      execution_id: p.execution_id,
      event_id: p.event_id,
      execution_start: result.executionStart,
      data_instance_id: p.data_instance_id,
      playbook_id: p.playbook_id,
      previous_step_id: p.previous_step_id,
      step_id: p.step_id,
      previous_bundle: JSON.stringify(result.previousBundle),
      bundle: JSON.stringify(result.bundle),
    });
  }
}

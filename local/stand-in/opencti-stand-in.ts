import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StixBundle, StixObject } from '../../shared/stix/types';
import type { ConnectorRegistration, ObjectMarking } from '../../shared/opencti/types';
import { TLP_MARKING_IDS } from '../../shared/stix/markings';
import { readGraphQLRequest, registrationOf, type RabbitConnection, type ReceivedRequest } from './stand-in-protocol';

export type { ReceivedRequest } from './stand-in-protocol';
import { enrichmentMessage, type EnrichmentRequest } from './enrichment-messages';
import type { PlatformRabbit } from './platform-rabbit';

export interface WorkRecord {
  id: string;
  connectorId: string;
  /** As the platform names it: `Manual enrichment` when a user asked, `Enrichment (<standard id>)` otherwise. */
  name: string;
  status: 'wait' | 'progress' | 'complete';
  messages: string[];
  errors: string[];
  /** When the platform created the work and when it was closed (epoch ms). */
  createdAt: number;
  completedAt?: number;
}

export interface StandInOptions {
  /** Tokens the platform accepts. */
  tokens: string[];
  /** Reported by `about { version }`. @default '6.9.17' */
  version?: string;
  /** RabbitMQ connection handed out by `registerConnector`. @default guest on 127.0.0.1:5672 */
  rabbit?: RabbitConnection;
  /** Declares each registered connector's queues and carries listen messages, as the platform's RabbitMQ. */
  platformRabbit?: PlatformRabbit;
  /** Called on each registration, e.g. to declare queues some other way. */
  onRegister?: (connector: { id: string; name: string; scope: string[] }) => Promise<void>;
  /** Checks a document against the platform schema; returns problems. */
  validate?: (query: string) => string[];
  /** Answer a GraphQL request with HTTP 500 while this returns true (fault injection). */
  failWhen?: (request: ReceivedRequest) => boolean;
}

/**
 * A stand-in OpenCTI platform on loopback: the GraphQL operations this project uses, with tokens,
 * connectors, pings, works, pushed bundles and playbook answers recorded for a demo or a test.
 */
export class OpenCtiStandIn {
  readonly requests: ReceivedRequest[] = [];
  readonly connectors = new Map<string, { input: Record<string, unknown>; token: string; pings: number; lastPing?: Date }>();
  readonly works = new Map<string, WorkRecord>();
  readonly pushed: Array<{ connectorId: string; workId: string | null; bundle: StixBundle }> = [];
  readonly playbookAnswers: Array<Record<string, unknown>> = [];
  readonly entities = new Map<string, StixObject>();
  /** Files in the platform's storage, by the path its STIX form lists them under (`/storage/get/...`). */
  readonly files = new Map<string, Buffer>();
  /** Every storage download: its path and whether the token was accepted. */
  readonly downloads: Array<{ path: string; authorized: boolean }> = [];
  /** Marking definitions by standard id, the built-in TLP ones from the start; tests add others. */
  readonly markings = new Map<string, ObjectMarking>(
    Object.entries(TLP_MARKING_IDS).map(([level, id]) => [
      id,
      { id: `internal-${id}`, standard_id: id, x_opencti_stix_ids: [], definition_type: 'TLP', definition: level },
    ]),
  );
  #server?: Server;
  url = '';

  constructor(private readonly options: StandInOptions) {}

  async start(port = 0): Promise<string> {
    this.#server = createServer((req, res) => {
      if (req.method === 'GET' && req.url?.startsWith('/storage/get/')) return this.#download(req, res);
      this.#handle(req)
        .then(([status, body]) => {
          res.writeHead(status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(body));
        })
        .catch((error: Error) => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: error.message }] }));
        });
    });
    await new Promise<void>((resolve) => this.#server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /** Creates a work as the platform does before it sends an enrichment message. */
  createWork(connectorId: string, at = new Date(), name = 'Enrichment'): WorkRecord {
    let id = `work_${connectorId}_${at.toISOString()}`;
    while (this.works.has(id)) id += '0';
    const work: WorkRecord = { id, connectorId, name, status: 'wait', messages: [], errors: [], createdAt: Date.now() };
    this.works.set(id, work);
    return work;
  }

  /**
   * Asks a registered connector to enrich an entity, as the platform does for auto or manual
   * enrichment: keeps the entity readable over `stix(id)`, creates a work, and delivers the message
   * to the connector's callback URI (API listen mode) or its RabbitMQ listen queue.
   */
  async askEnrichment(connectorId: string, request: Omit<EnrichmentRequest, 'workId'>): Promise<WorkRecord> {
    const connector = this.connectors.get(connectorId);
    if (!connector) throw new Error(`connector ${connectorId} is not registered`);
    this.entities.set(request.entity.id, request.entity);
    const name = request.mode === 'manual' ? 'Manual enrichment' : `Enrichment (${request.entity.id})`;
    const work = this.createWork(connectorId, new Date(), name);
    await this.deliver(connectorId, enrichmentMessage({ ...request, workId: work.id }));
    return work;
  }

  /** Delivers a raw listen message body to a registered connector. */
  async deliver(connectorId: string, body: string): Promise<void> {
    const connector = this.connectors.get(connectorId);
    const callback = connector?.input.listen_callback_uri as string | undefined;
    if (callback) {
      const response = await fetch(callback, {
        method: 'POST',
        headers: { Authorization: `Bearer ${connector!.token}`, 'Content-Type': 'application/json' },
        body,
      });
      if (response.status !== 202 && response.status !== 200) throw new Error(`callback answered HTTP ${response.status}`);
      return;
    }
    if (!this.options.platformRabbit) throw new Error('no RabbitMQ and no callback URI to deliver to');
    await this.options.platformRabbit.publishListen(connectorId, body);
  }

  /** Requests of one root field (and sub-field), in arrival order. */
  calls(field: string, subField?: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.field === field && (subField === undefined || r.subField === subField));
  }

  /** `GET /storage/get/<file id>`, as the platform serves stored files: with a token it accepts, or 401. */
  #download(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url!;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const authorized = token !== undefined && this.options.tokens.includes(token);
    this.downloads.push({ path, authorized });
    const content = authorized ? this.files.get(path) : undefined;
    res.writeHead(!authorized ? 401 : content ? 200 : 404, { 'Content-Type': 'application/octet-stream' });
    res.end(content);
  }

  async #handle(req: IncomingMessage): Promise<[number, unknown]> {
    if (req.method !== 'POST' || !req.url?.endsWith('/graphql')) return [404, { error: 'not found' }];
    const request = await readGraphQLRequest(req, this.options.validate);
    const { token } = request;
    this.requests.push(request);
    if (!token || !this.options.tokens.includes(token))
      return [401, { errors: [{ message: 'You must be logged in to do this.', extensions: { code: 'AUTH_REQUIRED' } }] }];
    if (this.options.failWhen?.(request)) return [500, { errors: [{ message: 'stand-in fault' }] }];
    if (request.validationErrors.length) return [400, { errors: request.validationErrors.map((message) => ({ message })) }];
    try {
      return [200, await this.#resolve(request, token)];
    } catch (error) {
      // As the platform does: a resolver failure is a GraphQL error in an HTTP 200.
      return [200, { errors: [{ message: (error as Error).message, extensions: { code: 'FUNCTIONAL_ERROR' } }], data: null }];
    }
  }

  async #resolve(r: ReceivedRequest, token: string): Promise<unknown> {
    const v = r.variables;
    switch (r.field) {
      case 'about':
        return { data: { about: { version: this.options.version ?? '6.9.17' } } };
      case 'registerConnector':
        return { data: { registerConnector: await this.#register(v.input as Record<string, unknown>, token) } };
      case 'pingConnector': {
        const connector = this.connectors.get(v.id as string);
        if (!connector) return { errors: [{ message: 'Connector not found', extensions: { code: 'NOT_FOUND' } }] };
        connector.pings += 1;
        connector.lastPing = new Date();
        return { data: { pingConnector: { id: v.id, connector_state: v.state ?? null } } };
      }
      case 'stix': {
        const entity = this.entities.get(v.id as string);
        return { data: { stix: entity ? JSON.stringify(entity) : null } };
      }
      case 'stixCoreObject': {
        const entity = this.entities.get(v.id as string);
        const refs = (entity?.object_marking_refs as string[] | undefined) ?? [];
        const objectMarking = refs.flatMap((ref) => this.markings.get(ref) ?? []);
        return { data: { stixCoreObject: entity ? { objectMarking } : null } };
      }
      case 'work': {
        const work = this.works.get(v.id as string);
        return { data: { work: work ? { name: work.name } : null } };
      }
      case 'workEdit':
        return { data: { workEdit: this.#workEdit(r.subField ?? '', v) } };
      case 'stixBundlePush':
        this.pushed.push({
          connectorId: v.connectorId as string,
          workId: (v.work_id as string) ?? null,
          bundle: JSON.parse(v.bundle as string),
        });
        return { data: { stixBundlePush: true } };
      case 'playbookStepExecution':
        this.playbookAnswers.push(v);
        return { data: { playbookStepExecution: true } };
      default:
        return { errors: [{ message: `stand-in does not implement ${r.field}` }] };
    }
  }

  #workEdit(sub: string, v: Record<string, unknown>): Record<string, unknown> {
    const work = this.works.get(v.id as string);
    if (!work) throw new Error(`Work ${String(v.id)} not found`);
    if (sub === 'toReceived') {
      work.status = 'progress';
      work.messages.push(String(v.message ?? ''));
    } else if (sub === 'toProcessed') {
      (v.inError ? work.errors : work.messages).push(String(v.message ?? ''));
      work.status = 'complete';
      work.completedAt = Date.now();
    }
    return { [sub]: work.id };
  }

  async #register(input: Record<string, unknown>, token: string): Promise<ConnectorRegistration> {
    const id = input.id as string;
    const previous = this.connectors.get(id);
    this.connectors.set(id, { input, token, pings: previous?.pings ?? 0, lastPing: previous?.lastPing });
    const declared = { id, name: input.name as string, scope: (input.scope as string[]) ?? [] };
    await this.options.platformRabbit?.declareConnector(declared);
    await this.options.onRegister?.(declared);
    return registrationOf(id, this.options.rabbit ?? { host: '127.0.0.1', port: 5672, user: 'guest', pass: 'guest' });
  }
}

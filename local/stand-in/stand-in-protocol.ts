import type { IncomingMessage } from 'node:http';
import { Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { ConnectorRegistration } from '../../shared/opencti/types';

/** One GraphQL request the stand-in received. */
export interface ReceivedRequest {
  /** Root field, e.g. `registerConnector`, `workEdit`, `stixBundlePush`. */
  field: string;
  /** Sub-field for `workEdit` (`toReceived`, `toProcessed`), else undefined. */
  subField?: string;
  query: string;
  variables: Record<string, unknown>;
  token: string | undefined;
  /** Schema problems reported by the `validate` option; empty when valid or not checked. */
  validationErrors: string[];
}

/** Reads one GraphQL POST: its root field (and `workEdit`'s sub-field), variables and bearer token. */
export async function readGraphQLRequest(req: IncomingMessage, validate?: (query: string) => string[]): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
  const auth = req.headers.authorization;
  const operation = parse(body.query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const root = operation?.selectionSet.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
  const sub = root?.selectionSet?.selections.find((s): s is FieldNode => s.kind === Kind.FIELD);
  return {
    field: root?.name.value ?? '',
    subField: root?.name.value === 'workEdit' ? sub?.name.value : undefined,
    query: body.query,
    variables: body.variables ?? {},
    token: auth?.startsWith('Bearer ') ? auth.slice(7) : undefined,
    validationErrors: validate?.(body.query) ?? [],
  };
}

export interface RabbitConnection {
  host: string;
  port: number;
  user: string;
  pass: string;
  vhost?: string;
  use_ssl?: boolean;
}

/** What `registerConnector` returns: the platform's RabbitMQ and the connector's queue names (docs/protocol.md#queues-and-exchanges). */
export function registrationOf(id: string, rabbit: RabbitConnection): ConnectorRegistration {
  return {
    id,
    connector_state: null,
    connector_user_id: `user-${id}`,
    config: {
      connection: {
        host: rabbit.host,
        port: rabbit.port,
        user: rabbit.user,
        pass: rabbit.pass,
        vhost: rabbit.vhost ?? '/',
        use_ssl: rabbit.use_ssl ?? false,
      },
      listen: `listen_${id}`,
      listen_routing: `listen_routing_${id}`,
      listen_exchange: 'amqp.connector.exchange',
      push: `push_${id}`,
      push_routing: `push_routing_${id}`,
      push_exchange: 'amqp.worker.exchange',
    },
  };
}

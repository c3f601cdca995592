import type { StixBundle } from '../stix/types';

/** RabbitMQ settings and queue names returned by `registerConnector`. */
export interface ConnectorRegistration {
  id: string;
  connector_state: string | null;
  connector_user_id: string | null;
  config: {
    connection: { host: string; vhost: string; use_ssl: boolean; port: number; user: string; pass: string };
    listen: string;
    listen_routing: string;
    listen_exchange: string;
    push: string;
    push_routing: string;
    push_exchange: string;
  };
}

/** What a connector registers (docs/protocol.md#registration); fields a platform version lacks are left out. */
export interface RegisterConnectorInput {
  id: string;
  name: string;
  type: 'INTERNAL_ENRICHMENT';
  scope: string[];
  auto: boolean;
  only_contextual: boolean;
  playbook_compatible: boolean;
  /** Platform >= 6.8.9. */
  auto_update?: boolean;
  /** Platform >= 6.8.9. */
  enrichment_resolution?: string;
  /** Platform >= 6.6.0, callback (API) listen mode only. */
  listen_callback_uri?: string | null;
}

/** The playbook context of a message (`internal.playbook`), needed to answer it. */
export interface PlaybookContext {
  execution_id: string;
  event_id: string;
  playbook_id: string;
  data_instance_id: string;
  step_id: string;
  previous_step_id: string;
}

export interface PlaybookStepResult {
  playbook: PlaybookContext;
  executionStart: string;
  previousBundle: unknown;
  bundle: StixBundle;
}

/** A marking on an entity's `objectMarking`, as GraphQL returns it (docs/protocol.md#markings). */
export interface ObjectMarking {
  id: string;
  standard_id: string;
  x_opencti_stix_ids?: string[] | null;
  definition_type: string | null;
  definition: string | null;
}

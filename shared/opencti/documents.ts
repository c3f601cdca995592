/**
 * Every GraphQL document the project sends to OpenCTI. A test validates each one against the
 * platform schema in ../shared/reference/opencti/.
 */

export const HEALTH_CHECK = `query HealthCheck { about { version } }`;

export const REGISTER_CONNECTOR = `mutation RegisterConnector($input: RegisterConnectorInput) {
  registerConnector(input: $input) {
    id
    connector_state
    connector_user_id
    config {
      connection { host vhost use_ssl port user pass }
      listen
      listen_routing
      listen_exchange
      push
      push_routing
      push_exchange
    }
  }
}`;

/** Ping for platforms >= 6.3, which take `connectorInfo`. */
export const PING_CONNECTOR = `mutation PingConnector($id: ID!, $state: String, $connectorInfo: ConnectorInfoInput) {
  pingConnector(id: $id, state: $state, connectorInfo: $connectorInfo) { id connector_state }
}`;

/** Ping for platforms before 6.3. */
export const PING_CONNECTOR_LEGACY = `mutation PingConnectorLegacy($id: ID!, $state: String) {
  pingConnector(id: $id, state: $state) { id connector_state }
}`;

/** The platform's own STIX 2.1 form of any object, for messages that do not carry it (5.x, 6.0-6.8.8). */
export const READ_STIX = `query ReadStix($id: String!) { stix(id: $id) }`;

/**
 * An entity's markings with their (`definition_type`, `definition`) pairs, which give the TLP
 * level; the id gives it only for the five built-in TLP markings.
 */
export const READ_ENTITY_MARKINGS = `query ReadEntityMarkings($id: String!) {
  stixCoreObject(id: $id) {
    objectMarking { id standard_id x_opencti_stix_ids definition_type definition }
  }
}`;

/**
 * The name of a work: `Manual enrichment` (or `Manual enrichment in draft <id>`) when a user asked,
 * `Enrichment (<standard id>)` for auto-enrichment. Needs `MODULES`, which the default Connector
 * role has. Read only for messages older than 6.8.9, which lack `internal.mode`.
 */
export const READ_WORK_NAME = `query ReadWorkName($id: ID!) { work(id: $id) { name } }`;

export const WORK_TO_RECEIVED = `mutation WorkToReceived($id: ID!, $message: String) {
  workEdit(id: $id) { toReceived(message: $message) }
}`;

export const WORK_TO_PROCESSED = `mutation WorkToProcessed($id: ID!, $message: String, $inError: Boolean) {
  workEdit(id: $id) { toProcessed(message: $message, inError: $inError) }
}`;

export const WORK_ADD_EXPECTATIONS = `mutation WorkAddExpectations($id: ID!, $expectations: Int) {
  workEdit(id: $id) { addExpectations(expectations: $expectations) }
}`;

export const STIX_BUNDLE_PUSH = `mutation StixBundlePush($connectorId: String!, $bundle: String!, $work_id: String) {
  stixBundlePush(connectorId: $connectorId, bundle: $bundle, work_id: $work_id)
}`;

export const PLAYBOOK_STEP_EXECUTION = `mutation PlaybookStepExecution(
  $execution_id: ID!
  $event_id: ID!
  $execution_start: DateTime!
  $data_instance_id: ID!
  $playbook_id: ID!
  $previous_step_id: ID!
  $step_id: ID!
  $previous_bundle: String!
  $bundle: String!
) {
  playbookStepExecution(
    execution_id: $execution_id
    event_id: $event_id
    execution_start: $execution_start
    data_instance_id: $data_instance_id
    playbook_id: $playbook_id
    previous_step_id: $previous_step_id
    step_id: $step_id
    previous_bundle: $previous_bundle
    bundle: $bundle
  )
}`;

/** All documents, by name, for the schema validation test. */
export const ALL_DOCUMENTS: Record<string, string> = {
  HEALTH_CHECK,
  REGISTER_CONNECTOR,
  PING_CONNECTOR,
  PING_CONNECTOR_LEGACY,
  READ_STIX,
  READ_ENTITY_MARKINGS,
  READ_WORK_NAME,
  WORK_TO_RECEIVED,
  WORK_TO_PROCESSED,
  WORK_ADD_EXPECTATIONS,
  STIX_BUNDLE_PUSH,
  PLAYBOOK_STEP_EXECUTION,
};

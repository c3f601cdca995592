import type { RegisterConnectorInput } from '../../../shared/opencti';
import type { BridgeConnectorConfig } from '../config/bridge-config';

/**
 * What the bridge registers for a connector (docs/protocol.md#registration). In AMQP mode
 * `listen_callback_uri` is sent as null, as pycti does, so a connector once registered in API
 * mode goes back to being fed through its queue.
 */
export function registrationInput(connector: BridgeConnectorConfig, listenProtocol: 'AMQP' | 'API'): RegisterConnectorInput {
  return {
    id: connector.id,
    name: connector.name,
    type: 'INTERNAL_ENRICHMENT',
    scope: connector.scope,
    auto: connector.auto,
    auto_update: connector.autoUpdate,
    only_contextual: connector.onlyContextual,
    playbook_compatible: true,
    listen_callback_uri: listenProtocol === 'API' ? (connector.listenCallbackUri ?? null) : null,
  };
}

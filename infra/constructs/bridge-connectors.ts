import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { EnrichmentConnector } from './enrichment-connector';

/** One entry of `BRIDGE_CONNECTORS`, in the snake_case the bridge reads. */
export interface BridgeConnectorEntry {
  id: string;
  name: string;
  scope: string[];
  auto: boolean;
  auto_update: boolean;
  only_contextual: boolean;
  /** Name or ARN of the connector's OpenCTI token secret; the bridge fetches it itself. */
  token_secret: string;
  queue_url: string;
}

/** What the bridge (or the callback functions) must know of each connector. */
export function bridgeConnectorEntries(connectors: readonly EnrichmentConnector[]): BridgeConnectorEntry[] {
  return connectors.map(({ spec, queues }) => ({
    id: spec.id,
    name: spec.name,
    scope: [...spec.scope],
    auto: spec.auto,
    auto_update: spec.autoUpdate,
    only_contextual: spec.onlyContextual,
    token_secret: spec.tokenSecret,
    queue_url: queues.queue.queueUrl,
  }));
}

/** `BRIDGE_CONNECTORS` as a JSON string, queue URLs resolved at deploy time. */
export function bridgeConnectorsJson(scope: IConstruct, connectors: readonly EnrichmentConnector[]): string {
  return Stack.of(scope).toJsonString(bridgeConnectorEntries(connectors));
}

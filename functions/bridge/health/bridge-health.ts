import type { ConnectorCounters } from './bridge-stats';
import type { ConsumerState } from '../consume/listen-consumer-options';
import type { SessionStatus } from '../registration/connector-session';

/** One connector in the health report. */
export interface ConnectorHealth extends SessionStatus, ConnectorCounters {
  id: string;
  name: string;
  /** `callback` in API listen mode, where the platform's worker delivers over HTTP. */
  /**
   * `inFlight`: received, not yet accepted by SQS. `held`: left unacked because they cannot be
   * forwarded (too large with no claim-check store); RabbitMQ redelivers them on the next connection.
   */
  consumer: { state: ConsumerState | 'callback'; inFlight: number; held: number; reconnects: number; lastError?: string };
  /** The connector's quota use, when the host reports it (see `BridgeOptions.connectorQuota`). */
  quota?: unknown;
}

/** `GET /health`: `ok` when every connector is registered, consuming (AMQP mode) and holds no message it cannot forward. */
export interface BridgeHealth {
  status: 'ok' | 'degraded' | 'stopping';
  listenProtocol: 'AMQP' | 'API';
  connectors: ConnectorHealth[];
}

/** The overall status from the connectors' own. */
export function overallStatus(connectors: readonly ConnectorHealth[], stopping: boolean): BridgeHealth['status'] {
  if (stopping) return 'stopping';
  const healthy = connectors.every(
    (c) => c.registered && c.consumer.held === 0 && (c.consumer.state === 'consuming' || c.consumer.state === 'callback'),
  );
  return healthy ? 'ok' : 'degraded';
}

import type { Logger } from '../../../shared/logging';
import type { AmqpConnect, AmqpSettings } from '../../../shared/rabbitmq/connection';
import type { BackoffOptions } from '../../../shared/retry/backoff';
import type { Clock } from '../time/clock';
import type { ForwardOutcome } from '../forward/sqs-forwarder';
import type { DeliveryHandOff } from './hand-off';

/** Where the consumer is in its life, as the health endpoint shows it. */
export type ConsumerState = 'waiting-for-registration' | 'connecting' | 'consuming' | 'reconnecting' | 'stopping' | 'stopped';

/** Where to consume: the RabbitMQ settings and the listen queue from the latest registration. */
export interface ListenTarget {
  settings: AmqpSettings;
  queue: string;
}

export interface ListenConsumerOptions {
  connectorId: string;
  /** Resolves with the latest registration's target; waits while the connector is not registered. */
  target: (signal: AbortSignal) => Promise<ListenTarget>;
  connect: AmqpConnect;
  /** Unacked messages at once (RabbitMQ `basic.qos`). */
  prefetch: number;
  /** Resolves once SQS accepted the body (sent with `attributes` besides the bridge's own); only then is the message acked. */
  forward: (body: string, attributes?: Record<string, string>) => Promise<ForwardOutcome>;
  /** Holds each ack until the host says the record is safe (see {@link DeliveryHandOff}). @default ack once SQS accepted */
  handOff?: DeliveryHandOff;
  backoff?: BackoffOptions;
  clock?: Clock;
  logger: Logger;
  onForwarded?: (outcome: ForwardOutcome) => void;
  onFailed?: (error: Error) => void;
  /** After RabbitMQ took the ack (the channel was still open). */
  onAcked?: () => void;
}

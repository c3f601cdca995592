/**
 * What the bridge itself raises. `retryable` says whether the same message or request may pass
 * later with nobody acting (a stop, an outage), or needs an operator (a setting to change).
 */
export abstract class BridgeError extends Error {
  override readonly name: string = 'BridgeError';
  abstract readonly retryable: boolean;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** A wait or a retry loop cut short because the bridge is stopping; the message stays unacked. */
export class AbortedError extends BridgeError {
  override readonly name = 'AbortedError';
  readonly retryable = true;
}

/**
 * A body larger than SQS takes, with no claim-check store configured. The message is left unacked
 * in RabbitMQ (never dropped) and reported until BRIDGE_CLAIM_CHECK_BUCKET or _DIR is set.
 */
export class MessageTooLargeError extends BridgeError {
  override readonly name = 'MessageTooLargeError';
  readonly retryable = false;
}

/** SQS kept refusing a message until the attempts ran out (callback ingress only: the bridge never gives up). */
export class ForwardFailedError extends BridgeError {
  override readonly name = 'ForwardFailedError';
  readonly retryable = true;
}

/** A listen queue's connection, channel or consumer went away; the consumer connects again. */
export class ConsumerLostError extends BridgeError {
  override readonly name = 'ConsumerLostError';
  readonly retryable = true;
}

/** A heartbeat round in which a connector could not register or ping; the next round tries again. */
export class HeartbeatFailedError extends BridgeError {
  override readonly name = 'HeartbeatFailedError';
  readonly retryable = true;
}

/** A wait or a retry loop cut short because the bridge is stopping; the message stays unacked. */
export class AbortedError extends Error {
  override readonly name = 'AbortedError';
}

/**
 * A body larger than SQS takes, with no claim-check store configured. The message is left unacked
 * in RabbitMQ (never dropped) and reported until BRIDGE_CLAIM_CHECK_BUCKET or _DIR is set.
 */
export class MessageTooLargeError extends Error {
  override readonly name = 'MessageTooLargeError';
}

/** SQS kept refusing a message until the attempts ran out (callback ingress only: the bridge never gives up). */
export class ForwardFailedError extends Error {
  override readonly name = 'ForwardFailedError';
}

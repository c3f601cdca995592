/**
 * What happens to a message between "SQS accepted it" and "its RabbitMQ delivery is acked". In
 * AWS nothing: SQS is durable, so the bridge acks as soon as SQS accepted the message. A host
 * whose queue is not durable (the one-machine run keeps SQS in memory) passes a hand-off that
 * holds the ack until the record is finished or kept somewhere durable, so a crash leaves the
 * message in RabbitMQ.
 */
export interface DeliveryHandOff {
  /** Called once per delivery, before the message is forwarded. */
  begin(connectorId: string): HandOffTicket;
  /** Stops waiting: every unsettled ticket rejects, and its delivery stays unacked (RabbitMQ requeues it). */
  abort(): void;
}

/** One delivery's part in a hand-off. */
export interface HandOffTicket {
  /** Message attributes to send with the message, so the host can tell which delivery a record came from. */
  readonly attributes: Record<string, string>;
  /** Resolves when the delivery may be acked; rejects (with `AbortedError`) when it must stay unacked. */
  readonly settled: Promise<void>;
  /** The message never reached SQS: forget the ticket. */
  cancel(): void;
}

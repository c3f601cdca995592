import type { Logger } from '../../../shared/logging';
import { systemClock, type Clock } from '../time/clock';

/** Running totals for one connector since the bridge started. */
export interface ConnectorCounters {
  /** Messages SQS accepted (and then acked in RabbitMQ). */
  forwarded: number;
  /** Of those, sent as a claim-check pointer. */
  claimChecked: number;
  /** Refused or failed attempts; each is retried, so this counts attempts, not lost messages. */
  failed: number;
  /** AMQP mode: messages acked to RabbitMQ after SQS accepted them (absent in API listen mode). */
  acked?: number;
}

/**
 * Counters per connector and the periodic structured log line (`bridge stats`) with forwarded,
 * failed and in-flight counts and the forwarding rate since the previous line.
 */
export class BridgeStats {
  readonly #counters = new Map<string, ConnectorCounters>();
  readonly #clock: Clock;
  #timer?: unknown;
  #last = { at: 0, forwarded: 0 };

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  /** The live counters of a connector (created on first use). */
  of(connectorId: string): ConnectorCounters {
    let counters = this.#counters.get(connectorId);
    if (!counters) this.#counters.set(connectorId, (counters = { forwarded: 0, claimChecked: 0, failed: 0 }));
    return counters;
  }

  /** Sum over all connectors. */
  totals(): ConnectorCounters {
    const totals = { forwarded: 0, claimChecked: 0, failed: 0 };
    for (const c of this.#counters.values()) {
      totals.forwarded += c.forwarded;
      totals.claimChecked += c.claimChecked;
      totals.failed += c.failed;
    }
    return totals;
  }

  /** Logs a `bridge stats` line every `intervalMs`; `inFlight` gives the unacked count per connector. */
  startLogging(options: { intervalMs: number; logger: Logger; inFlight: () => Record<string, number> }): void {
    this.#last = { at: this.#clock.now(), forwarded: this.totals().forwarded };
    const tick = () => {
      this.logLine(options.logger, options.inFlight());
      this.#timer = this.#clock.setTimeout(tick, options.intervalMs);
    };
    this.#timer = this.#clock.setTimeout(tick, options.intervalMs);
  }

  stopLogging(): void {
    this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Writes one stats line now. */
  logLine(logger: Logger, inFlight: Record<string, number>): void {
    const now = this.#clock.now();
    const totals = this.totals();
    const seconds = Math.max(0.001, (now - this.#last.at) / 1000);
    const ratePerSecond = Math.round(((totals.forwarded - this.#last.forwarded) / seconds) * 10) / 10;
    this.#last = { at: now, forwarded: totals.forwarded };
    const connectors = Object.fromEntries([...this.#counters].map(([id, c]) => [id, { ...c, inFlight: inFlight[id] ?? 0 }]));
    const totalInFlight = Object.values(inFlight).reduce((a, b) => a + b, 0);
    logger.info('bridge stats', { ...totals, inFlight: totalInFlight, ratePerSecond, intervalSeconds: Math.round(seconds), connectors });
  }
}

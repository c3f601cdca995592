import type { Logger } from '../../../shared/logging';
import { OpenCtiError, type ConnectorRegistration } from '../../../shared/opencti';
import type { BackoffOptions } from '../../../shared/retry/backoff';
import { sleep, systemClock, type Clock } from '../time/clock';
import { waitBeforeRetry } from '../time/retry';
import type { BridgeConnectorConfig } from '../config/bridge-config';
import { AbortedError } from '../errors';
import type { OpenCtiApi } from './opencti-api';
import { registrationInput } from './registration-input';

/** A connector's standing with the platform, as the health endpoint shows it. */
export interface SessionStatus {
  registered: boolean;
  platformVersion?: string;
  registeredAt?: string;
  lastPingAt?: string;
  pings: number;
  lastError?: string;
}

export interface ConnectorSessionOptions {
  connector: BridgeConnectorConfig;
  listenProtocol: 'AMQP' | 'API';
  /** The connector's OpenCTI client (its own token); called again after a failure, so a secret fetch is retried too. */
  client: () => Promise<OpenCtiApi>;
  /** @default 40000, pycti's cadence; the platform drops connectors silent for 5 minutes */
  pingIntervalMs?: number;
  backoff?: BackoffOptions;
  clock?: Clock;
  logger: Logger;
  /** Told of every successful registration (the RabbitMQ settings may have changed). */
  onRegistered?: (registration: ConnectorRegistration) => void;
}

/**
 * Keeps one connector registered and alive: health check, `registerConnector`, a ping right away
 * and every 40 s. When the platform is down or a ping fails, it backs off and registers again;
 * it never gives up, since the platform may come back at any time.
 */
export class ConnectorSession {
  readonly #status: SessionStatus = { registered: false, pings: 0 };
  readonly #stop = new AbortController();
  readonly #waiters = new Set<(registration: ConnectorRegistration) => void>();
  readonly #clock: Clock;
  #registration?: ConnectorRegistration;
  #loop?: Promise<void>;

  constructor(private readonly options: ConnectorSessionOptions) {
    this.#clock = options.clock ?? systemClock;
  }

  status(): SessionStatus {
    return { ...this.#status };
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#loop;
  }

  /** The latest registration; waits for the first one. */
  registration(signal: AbortSignal): Promise<ConnectorRegistration> {
    if (this.#registration) return Promise.resolve(this.#registration);
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new AbortedError('stopping'));
      const waiter = (registration: ConnectorRegistration) => {
        signal.removeEventListener('abort', onAbort);
        resolve(registration);
      };
      const onAbort = () => {
        this.#waiters.delete(waiter);
        reject(new AbortedError('stopping'));
      };
      this.#waiters.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  async #run(): Promise<void> {
    const { connector, logger } = this.options;
    const signal = this.#stop.signal;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const client = await this.options.client();
        const version = await client.health();
        const registration = await client.registerConnector(registrationInput(connector, this.options.listenProtocol), version);
        Object.assign(this.#status, {
          registered: true,
          platformVersion: version,
          registeredAt: new Date(this.#clock.now()).toISOString(),
          lastError: undefined,
        });
        this.#registration = registration;
        for (const waiter of this.#waiters) waiter(registration);
        this.#waiters.clear();
        this.options.onRegistered?.(registration);
        logger.info('connector registered', { connectorId: connector.id, connectorName: connector.name, platformVersion: version });
        failures = 0;
        await this.#pingForever(client, version);
      } catch (error) {
        if (signal.aborted) break;
        Object.assign(this.#status, { registered: false, lastError: `${(error as Error).name}: ${(error as Error).message}` });
        // A refused token or a rejected document needs an operator; an outage only needs time.
        const level = error instanceof OpenCtiError && !error.retryable ? 'error' : 'warn';
        logger[level]('OpenCTI registration or ping failed, will register again', {
          connectorId: connector.id,
          error: this.#status.lastError,
          failures: failures + 1,
        });
      }
      try {
        await waitBeforeRetry(this.#clock, failures++, this.options.backoff, signal);
      } catch {
        break;
      }
    }
  }

  /** Pings now and every interval; returns (by throwing) on the first failed ping. */
  async #pingForever(client: OpenCtiApi, version: string): Promise<never> {
    for (;;) {
      await client.pingConnector(this.options.connector.id, null, version);
      this.#status.pings += 1;
      this.#status.lastPingAt = new Date(this.#clock.now()).toISOString();
      await sleep(this.#clock, this.options.pingIntervalMs ?? 40_000, this.#stop.signal);
    }
  }
}

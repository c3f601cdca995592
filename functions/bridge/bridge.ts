import { resolveMqOverrides, SecretResolver } from '../../shared/config';
import { createLogger, type Logger } from '../../shared/logging';
import { defaultAmqpConnect } from '../../shared/rabbitmq/connection';
import { createLane, type Lane } from './bridge-lane';
import { defaultS3Client, defaultSqsClient, DEFAULT_TIMINGS, type BridgeOptions, type BridgeTimings } from './bridge-options';
import { overallStatus, type BridgeHealth, type ConnectorHealth } from './health/bridge-health';
import { nodeCallbackHandler } from './callback/callback-adapters';
import { createCallbackIngress, type CallbackIngress } from './callback/callback-ingress';
import { createClaimCheckStore } from './forward/claim-check-store';
import { systemClock, type Clock } from './time/clock';
import { startHttpServer, type BridgeHttpServer } from './health/http-server';
import { SqsForwarder } from './forward/sqs-forwarder';
import { BridgeStats } from './health/bridge-stats';
import { bridgeMetricsReporter } from './health/bridge-metrics';
import { defaultOpenCtiClient } from './registration/opencti-api';
import { withDeadline } from './time/deadline';

/**
 * Starts the bridge: registers and pings every connector, and in AMQP mode consumes each
 * `listen_<id>` into its SQS queue; in API mode it serves the callback ingress instead. Resolves
 * once the HTTP server (if any) listens; connecting to OpenCTI and RabbitMQ goes on in the background.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const bridge = new Bridge(options);
  await bridge.listen();
  return bridge;
}

/** A running bridge. Build it with {@link startBridge}. */
export class Bridge {
  /** API listen mode: the callback ingress, for a caller that serves HTTP itself. */
  readonly callback?: CallbackIngress;
  readonly #logger: Logger;
  readonly #timings: BridgeTimings;
  readonly #stats: BridgeStats;
  readonly #forwarder: SqsForwarder;
  #callbackForwarder?: SqsForwarder;
  readonly #lanes: Lane[];
  #server?: BridgeHttpServer;
  #stopping?: Promise<void>;
  /** Reports the counters as metrics now (every stats interval, on stop, and before a `/metrics` scrape). */
  readonly reportMetrics: () => void;
  #metricsTimer?: unknown;
  readonly #clock: Clock;
  readonly #secrets: SecretResolver;

  constructor(private readonly options: BridgeOptions) {
    const { config } = options;
    const clock = options.clock ?? systemClock;
    const secrets = (this.#secrets = options.secrets ?? new SecretResolver());
    this.#logger = options.logger ?? createLogger({ serviceName: 'bridge', level: config.logLevel, secrets: () => secrets.knownValues() });
    this.#timings = { ...DEFAULT_TIMINGS, ...config.timings, ...options.timings };
    this.#stats = new BridgeStats(clock);
    this.#clock = clock;
    const sinks = options.metrics;
    this.reportMetrics = sinks
      ? bridgeMetricsReporter(
          () => this.health(),
          sinks,
          () => clock.now(),
        )
      : () => undefined;
    const s3 = options.s3;
    const claimCheck = createClaimCheckStore(config.claimCheck, { s3: async () => s3 ?? defaultS3Client() });
    const forwarderOptions = {
      sqs: options.sqs ?? defaultSqsClient(),
      claimCheck,
      lingerMs: this.#timings.lingerMs,
      maxMessageBytes: config.maxMessageBytes,
      backoff: this.#timings.backoff,
      clock,
      logger: this.#logger,
      onRefused: (id: string) => void (this.#stats.of(id).failed += 1),
    };
    this.#forwarder = new SqsForwarder(forwarderOptions);
    const createClient = options.createOpenCtiClient ?? defaultOpenCtiClient;
    const mq = () => resolveMqOverrides(config.mq, secrets);

    const context = {
      config,
      timings: this.#timings,
      secrets,
      createClient,
      connect: options.connect ?? defaultAmqpConnect,
      mq,
      forwarder: this.#forwarder,
      handOff: options.handOff,
      clock,
      logger: this.#logger,
    };
    this.#lanes = config.connectors.map((connector) => createLane(connector, this.#stats.of(connector.id), context));

    if (config.listenProtocol === 'API') {
      // A callback must answer in bounded time: after a few refusals the worker gets a 500 and retries later.
      const callbackForwarder = (this.#callbackForwarder = new SqsForwarder({ ...forwarderOptions, maxAttempts: 3 }));
      this.callback = createCallbackIngress({
        connectors: config.connectors,
        resolveToken: (connector) => secrets.resolve(connector.token),
        forward: async (queueUrl, connectorId, body) => {
          const outcome = await callbackForwarder.forward(queueUrl, connectorId, body);
          this.#stats.of(connectorId).forwarded += 1;
          if (outcome === 'claim-checked') this.#stats.of(connectorId).claimChecked += 1;
        },
        logger: this.#logger,
      });
    }
  }

  /** Starts the HTTP server (when `config.healthPort` is set) and every connector. Called by {@link startBridge}. */
  async listen(): Promise<void> {
    const { config } = this.options;
    if (config.healthPort !== undefined) {
      this.#server = await startHttpServer({
        port: config.healthPort,
        host: this.options.httpHost,
        health: () => this.health(),
        secrets: () => this.#secrets.knownValues(),
        ...(this.options.metricsText ? { metrics: this.#scrape } : {}),
        ...(this.callback ? { callback: nodeCallbackHandler(this.callback) } : {}),
      });
    }
    for (const lane of this.#lanes) {
      lane.session.start();
      lane.consumer?.start();
    }
    this.#stats.startLogging({ intervalMs: this.#timings.statsIntervalMs, logger: this.#logger, inFlight: () => this.#inFlight() });
    if (this.options.metrics) {
      const tick = () => {
        this.reportMetrics();
        this.#metricsTimer = this.#clock.setTimeout(tick, this.#timings.statsIntervalMs);
      };
      this.#metricsTimer = this.#clock.setTimeout(tick, this.#timings.statsIntervalMs);
    }
    this.#logger.info('bridge started', {
      listenProtocol: config.listenProtocol,
      connectors: this.#lanes.map((l) => l.id),
      ...(this.#server ? { http: this.#server.url } : {}),
    });
  }

  /** Base URL of the HTTP server (`/health`, `/callback/<id>`), when one runs. */
  get url(): string | undefined {
    return this.#server?.url;
  }

  /** Registration, last ping, consumer state and counters of every connector. */
  health(): BridgeHealth {
    const connectors: ConnectorHealth[] = this.#lanes.map((lane) => ({
      id: lane.id,
      name: lane.name,
      ...lane.session.status(),
      ...this.#stats.of(lane.id),
      consumer: lane.consumer?.status() ?? { state: 'callback', inFlight: 0, held: 0, reconnects: 0 },
      ...this.#quotaOf(lane.id),
    }));
    return {
      status: overallStatus(connectors, this.#stopping !== undefined),
      listenProtocol: this.options.config.listenProtocol,
      connectors,
    };
  }

  #quotaOf(connectorId: string): { quota?: unknown } {
    const quota = this.options.connectorQuota?.(connectorId);
    return quota === undefined ? {} : { quota };
  }

  /**
   * Stops within `shutdownTimeoutMs` plus a moment: no new messages, partial batches sent now,
   * messages SQS accepts in time are acked, the rest stay unacked and RabbitMQ requeues them.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutdown();
    return this.#stopping;
  }

  async #shutdown(): Promise<void> {
    this.#logger.info('bridge stopping', { inFlight: this.#inFlight() });
    this.#stats.stopLogging();
    this.#clock.clearTimeout(this.#metricsTimer);
    const consumers = this.#lanes.flatMap((lane) => (lane.consumer ? [lane.consumer] : []));
    const sessionsStopped = Promise.all(this.#lanes.map((lane) => lane.session.stop()));
    await withDeadline(Promise.all(consumers.map((c) => c.cancel())), this.#timings.shutdownTimeoutMs);
    this.#forwarder.flush();
    await withDeadline(Promise.all(consumers.map((c) => c.drain())), this.#timings.shutdownTimeoutMs);
    this.#forwarder.abort();
    this.options.handOff?.abort();
    await Promise.all(consumers.map((c) => c.drain()));
    await Promise.all(consumers.map((c) => c.close()));
    await sessionsStopped;
    // A callback cut short here gets no answer: the platform's worker sends it again.
    await this.#server?.close();
    this.#callbackForwarder?.abort();
    this.#stats.logLine(this.#logger, this.#inFlight());
    this.reportMetrics();
    this.#logger.info('bridge stopped');
  }

  readonly #scrape = () => {
    this.reportMetrics();
    return this.options.metricsText!();
  };

  #inFlight(): Record<string, number> {
    return Object.fromEntries(this.#lanes.map((lane) => [lane.id, lane.consumer?.status().inFlight ?? 0]));
  }
}

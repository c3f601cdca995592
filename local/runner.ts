import { join } from 'node:path';
import { withDeadline } from '../functions/bridge/time/deadline';
import { startBridge, type Bridge, type BridgeConfig, type BridgeTimings, type DeliveryHandOff } from '../functions/bridge';
import { PIPELINE_DEFAULTS, type MqOverrides, type PipelineSettings } from '../shared/config';
import { SecretResolver } from '../shared/config/secrets';
import { createLogger } from '../shared/logging/logger';
import { PrometheusMetrics } from '../shared/metrics/prometheus-registry';
import { createSqsHandler } from '../shared/pipeline/handler';
import { buildRuntimeDeps } from '../shared/pipeline/runtime';
import type { LocalConnector } from './settings';
import { createConnectorQueues, startLocalSqs, type ConnectorQueues, type LocalSqs } from './local-sqs';
import { SqsPoller } from './poller';
import { MemoryQuotaStore } from '../shared/quota/memory-quota-store';
import type { QuotaStore } from '../shared/quota/quota-store';
import { QuotaHealth } from './quota-health';
import { ConnectorStore } from './durable/connector-store';
import { lockStateDir } from './durable/state-files';
import { LocalStats, outcomeLine, printsOutcome } from './stats';

export interface LocalRunOptions {
  connectors: LocalConnector[];
  env: Record<string, string | undefined>;
  /** Where readable lines go. @default console.log */
  print?: (line: string) => void;
  /** Port of the bridge's health and callback server. @default 8080 */
  httpPort?: number;
  /** Interface it listens on; `0.0.0.0` in a container the platform must reach. @default 127.0.0.1 */
  httpHost?: string;
  /** Base of callback URIs in API listen mode. @default http://127.0.0.1:<httpPort>/callback */
  callbackBaseUrl?: string;
  /** Folder that keeps waiting and dead-lettered messages, and oversized bodies, across restarts. @default .local-state */
  stateDir?: string;
  /** Between two statistics lines. @default 30000 */
  statsIntervalMs?: number;
  /** `MQ_*`, read at start. @default none: the RabbitMQ settings the platform returns */
  mq?: MqOverrides;
  /** `PIPELINE_*`, read at start; each connector's `maxReceives` wins. @default the pipeline's defaults */
  pipeline?: PipelineSettings;
  bridgeTimings?: Partial<BridgeTimings>;
  /** Where every connector's workers count vendor calls and cache answers. @default one in-memory store for the process */
  quotaStore?: QuotaStore;
}

export interface LocalRun {
  bridge: Bridge;
  sqs: LocalSqs;
  queues: Map<string, ConnectorQueues>;
  /** Each connector's journal and dead letters, by connector id. */
  stores: Map<string, ConnectorStore>;
  stats: LocalStats;
  /** Every connector's metrics, served as Prometheus text at `GET /metrics` on the HTTP port. */
  metrics: PrometheusMetrics;
  /** The quota store the connectors share (one per process, as one DynamoDB table serves a deployment). */
  quotaStore: QuotaStore;
  stop: () => Promise<void>;
}

const queueName = (c: LocalConnector) => `${c.service.name}-${c.config.connector.id.slice(0, 8)}`;

/** Where a connector's journal and dead letters live under the state folder. */
export const connectorStateDir = (stateDir: string, queue: string) => join(stateDir, 'queues', queue);

/** On stop, how long records already in the queue may take to finish before their deliveries are left to RabbitMQ. */
const LOCAL_SHUTDOWN_MS = 3_000;
/** On stop, how long a handler call in progress may take. */
const POLLER_STOP_MS = 4_000;

/**
 * The whole product in one process: an SQS server on loopback, one queue and DLQ per connector,
 * the bridge, and a poller per connector that invokes the service's real Lambda handler.
 */
export async function startLocalRun(options: LocalRunOptions): Promise<LocalRun> {
  const print = options.print ?? ((line: string) => console.log(line));
  const stateDir = options.stateDir ?? '.local-state';
  const unlock = lockStateDir(stateDir, 'starting again', 'take');
  const claimCheckDir = `${stateDir}/claim-check`;
  const names = options.connectors.map((c) => c.config.connector.name);
  const stats = new LocalStats(names);
  const quotaStore = options.quotaStore ?? new MemoryQuotaStore();
  const quotaHealth = new QuotaHealth(quotaStore, options.connectors, stats);
  const secrets = new SecretResolver();
  const protocols = new Set(options.connectors.map((c) => c.config.connector.listenProtocol));
  if (protocols.size > 1) throw new Error('CONNECTOR_LISTEN_PROTOCOL must be the same for every connector of one process');
  const listenProtocol = [...protocols][0] ?? 'AMQP';
  const level = options.connectors[0]?.config.connector.logLevel ?? 'INFO';

  const metrics = new PrometheusMetrics();
  const sqs = await startLocalSqs();
  const queues = new Map<string, ConnectorQueues>();
  const stores = new Map<string, ConnectorStore>();
  for (const c of options.connectors) {
    const q = await createConnectorQueues(sqs.client, queueName(c), { maxReceives: c.maxReceives, visibilityTimeout: c.visibilityTimeout });
    queues.set(c.config.connector.id, q);
    const { id, name } = c.config.connector;
    const store = new ConnectorStore({
      dir: connectorStateDir(stateDir, queueName(c)),
      info: { id, name, service: c.service.name },
      sqs: sqs.client,
      queueUrl: q.queueUrl,
      dlqUrl: q.dlqUrl,
      print,
    });
    stores.set(id, store);
    if (store.journal.size) print(`[${name}] ${store.journal.size} waiting record(s) kept in ${store.journal.path} resume when due`);
    if (store.deadLetters.size)
      print(`[${name}] ${store.deadLetters.size} dead-lettered message(s) in ${store.deadLetters.path} (npm run redrive puts them back)`);
  }
  const handOff: DeliveryHandOff = {
    begin: (connectorId) => stores.get(connectorId)!.begin(),
    abort: () => stores.forEach((store) => store.abort()),
  };

  const httpPort = options.httpPort ?? 8080;
  const callbackBase = options.callbackBaseUrl ?? `http://127.0.0.1:${httpPort}/callback`;
  const first = options.connectors[0]!.config;
  const bridgeConfig: BridgeConfig = {
    opencti: { url: first.opencti.url, sslVerify: first.opencti.sslVerify },
    listenProtocol,
    connectors: options.connectors.map((c) => ({
      id: c.config.connector.id,
      name: c.config.connector.name,
      scope: c.config.connector.scope,
      auto: c.config.connector.auto,
      autoUpdate: c.config.connector.autoUpdate,
      onlyContextual: c.config.connector.onlyContextual,
      token: c.config.opencti.token,
      queueUrl: queues.get(c.config.connector.id)!.queueUrl,
      ...(listenProtocol === 'API' ? { listenCallbackUri: `${callbackBase}/${c.config.connector.id}` } : {}),
    })),
    mq: options.mq ?? {},
    healthPort: httpPort,
    claimCheck: { kind: 'file', dir: claimCheckDir },
    prefetch: 200,
    maxMessageBytes: 256 * 1024,
    logLevel: level,
  };
  const bridgeLogger = createLogger({ serviceName: 'bridge', level, secrets: () => secrets.knownValues() });
  const bridge = await startBridge({
    config: bridgeConfig,
    sqs: sqs.client,
    secrets,
    logger: bridgeLogger,
    timings: { shutdownTimeoutMs: LOCAL_SHUTDOWN_MS, ...options.bridgeTimings },
    handOff,
    httpHost: options.httpHost ?? '127.0.0.1',
    metrics: (connector) => metrics.forConnector(connector),
    metricsText: () => metrics.text(),
    connectorQuota: (id) => quotaHealth.of(id),
  });
  quotaHealth.start(1_000, (e) => print(`quota use for /health cannot be read: ${e.message}`));

  const pollers = options.connectors.map((c) => {
    const name = c.config.connector.name;
    const q = queues.get(c.config.connector.id)!;
    const store = stores.get(c.config.connector.id)!;
    const handler = createSqsHandler(c.service, async (service) =>
      store.wrapDeps(
        await buildRuntimeDeps(service, {
          env: options.env,
          config: c.config,
          pipeline: { ...(options.pipeline ?? PIPELINE_DEFAULTS), maxReceives: c.maxReceives },
          mq: options.mq ?? {},
          secrets,
          sqs: sqs.client,
          queueUrlOf: () => q.queueUrl,
          claimCheckDir,
          metrics: metrics.forConnector(name),
          quotaStore,
          onOutcome: (outcome) => {
            stats.record(name, outcome);
            if (printsOutcome(outcome)) print(outcomeLine(name, outcome));
          },
        }),
      ),
    );
    const poller = new SqsPoller({
      sqs: sqs.client,
      queueUrl: q.queueUrl,
      queueArn: q.queueArn,
      handler: store.wrapHandler(handler),
      onDeleted: (records) => store.finished(records),
      batchSize: c.batchSize,
      concurrency: c.concurrency,
      functionName: c.service.name,
      onError: (e) => print(`[${name}] ${e.message}`),
    });
    poller.start();
    store.start();
    return poller;
  });

  const refreshDlq = () => {
    for (const c of options.connectors) stats.setDlq(c.config.connector.name, stores.get(c.config.connector.id)!.deadLetters.size);
  };
  const timer = setInterval(() => {
    refreshDlq();
    stats.summaryLines().forEach(print);
  }, options.statsIntervalMs ?? 30_000);
  timer.unref();

  let stopping: Promise<void> | undefined;
  // Nothing to save: every record is held by an unacked delivery (RabbitMQ requeues it when the
  // connection closes) or kept in a journal. Stopping only lets the work in progress finish.
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(timer);
      quotaHealth.stop();
      await bridge.stop();
      await withDeadline(Promise.all(pollers.map((p) => p.stop())), POLLER_STOP_MS);
      await Promise.all([...stores.values()].map((store) => store.stop()));
      refreshDlq();
      stats.summaryLines().forEach(print);
      await sqs.stop();
      stores.forEach((store) => store.close());
      unlock();
    })());
  return { bridge, sqs, queues, stores, stats, metrics, quotaStore, stop };
}

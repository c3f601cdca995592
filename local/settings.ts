import {
  ConfigError,
  loadPipelineSettings,
  readConnectorConfig,
  readPipelineSettings,
  readYamlFile,
  type ConfigProblem,
  type ConfigSource,
  type ConnectorConfig,
  type LocalQueueSettings,
  type PipelineSettings,
} from '../shared/config';
import type { ServiceDefinition } from '../shared/pipeline/service';

/** One connector run by `npm start`: its service, its configuration and its queue settings. */
export interface LocalConnector {
  service: ServiceDefinition;
  config: ConnectorConfig;
  /** Records per handler invocation, as the SQS event source's batch size. @default 10 */
  batchSize: number;
  /** Handler invocations in flight at once, as the event source's maximum concurrency. @default 5 */
  concurrency: number;
  /** Receives before a message goes to the DLQ, as the queue's redrive policy. @default 5 */
  maxReceives: number;
  /** Seconds a received message stays hidden, as the queue's visibility timeout. @default 180 */
  visibilityTimeout: number;
}

type Env = Record<string, string | undefined>;
type QueueSettings = Omit<LocalConnector, 'service' | 'config'>;
const QUEUE_SETTINGS = ['batchSize', 'concurrency', 'maxReceives', 'visibilityTimeout'] as const;

function serviceNamed(name: unknown, services: readonly ServiceDefinition[], where: string): ServiceDefinition {
  const service = services.find((s) => s.name === name);
  if (!service) {
    throw new ConfigError([
      { variable: where, expected: `expected one of ${services.map((s) => s.name).join(', ')}, got ${JSON.stringify(name)}` },
    ]);
  }
  return service;
}

/** A connector's own queue settings (`<section>.batch_size`, ...), which win over the environment's `defaults`. */
function readQueueSettings(
  values: unknown,
  section: string,
  defaults: PipelineSettings & LocalQueueSettings,
  problems: ConfigProblem[],
): QueueSettings | undefined {
  const source = { env: {}, yaml: { [section]: values ?? {} } };
  const read = readPipelineSettings(source, problems, { section, defaults, only: QUEUE_SETTINGS });
  return (
    read && {
      batchSize: read.batchSize,
      concurrency: read.concurrency,
      maxReceives: read.maxReceives,
      visibilityTimeout: read.visibilityTimeout,
    }
  );
}

/**
 * The connectors to run locally. With a connectors file (`CONNECTORS_FILE`, default
 * `connectors.yml` when it exists), one entry per connector; otherwise one connector, seed style,
 * from the environment and `config.yml`, with `CONNECTOR_SERVICE` naming its service. Queue
 * settings not given per connector come from `defaults` (`PIPELINE_*` read from `env` when absent).
 */
export function loadLocalConnectors(
  env: Env,
  services: readonly ServiceDefinition[],
  defaults: PipelineSettings & LocalQueueSettings = loadPipelineSettings(env),
): LocalConnector[] {
  const file = readYamlFile(env.CONNECTORS_FILE || 'connectors.yml');
  if (env.CONNECTORS_FILE && Object.keys(file).length === 0) {
    throw new ConfigError([{ variable: 'CONNECTORS_FILE', expected: `${env.CONNECTORS_FILE} is missing or empty` }]);
  }
  if (Array.isArray(file.connectors)) return fromConnectorsFile(file, env, services, defaults);

  const yaml = readYamlFile(env.CONFIG_FILE || 'config.yml');
  const serviceName = env.CONNECTOR_SERVICE || (yaml.connector as Record<string, unknown> | undefined)?.service;
  if (!serviceName) {
    throw new ConfigError([
      {
        variable: 'CONNECTOR_SERVICE',
        path: 'connector.service',
        expected: `is required: the service to run, one of ${services.map((s) => s.name).join(', ')} (or list connectors in connectors.yml)`,
      },
    ]);
  }
  const service = serviceNamed(serviceName, services, 'CONNECTOR_SERVICE');
  const problems: ConfigProblem[] = [];
  const config = readConnectorConfig({ env, yaml }, service, problems);
  const queue = readQueueSettings(yaml.pipeline, 'pipeline', defaults, problems);
  if (!config || !queue) throw new ConfigError(problems);
  return [{ service, config, ...queue }];
}

/** Each entry of connectors.yml is read with the same rules as a seed-style connector, so errors name the same keys. */
function fromConnectorsFile(
  file: Record<string, unknown>,
  env: Env,
  services: readonly ServiceDefinition[],
  defaults: PipelineSettings & LocalQueueSettings,
): LocalConnector[] {
  const opencti = (file.opencti as Record<string, unknown>) ?? {};
  const problems: ConfigProblem[] = [];
  const connectors: LocalConnector[] = [];
  (file.connectors as Array<Record<string, unknown>>).forEach((entry, index) => {
    const where = `connectors[${index}]`;
    try {
      const service = serviceNamed(entry.service, services, `${where}.service`);
      const section = service.name.toUpperCase().replace(/-/g, '_').toLowerCase();
      const source: ConfigSource = {
        env: { OPENCTI_URL: env.OPENCTI_URL, OPENCTI_SSL_VERIFY: env.OPENCTI_SSL_VERIFY, CONNECTOR_LOG_LEVEL: env.CONNECTOR_LOG_LEVEL },
        yaml: {
          opencti: { ...opencti, token: entry.token, token_secret: entry.token_secret },
          connector: { type: 'INTERNAL_ENRICHMENT', ...(file.connector as object), ...entry },
          // The service's own keys (api_key, max_tlp, its options...) sit on the entry itself.
          [section]: entry,
        },
      };
      const entryProblems: ConfigProblem[] = [];
      const config = readConnectorConfig(source, service, entryProblems);
      const queue = readQueueSettings(entry, 'connector', defaults, entryProblems);
      if (!config || !queue) throw new ConfigError(entryProblems);
      connectors.push({ service, config, ...queue });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(
        ...error.problems.map((p) => ({
          ...p,
          variable: `${where} (${String(entry.name ?? entry.service)}): ${p.path ?? p.variable}`,
          path: undefined,
        })),
      );
    }
  });
  if (problems.length) throw new ConfigError(problems);
  const ids = connectors.map((c) => c.config.connector.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate)
    throw new ConfigError([{ variable: 'connectors[].id', expected: `each connector needs its own id; ${duplicate} is used twice` }]);
  return connectors;
}

import * as z from 'zod';
import {
  booleanSetting,
  ConfigError,
  envSource,
  httpUrlSetting,
  integerSetting,
  readMqSettings,
  readSetting,
  S3_BUCKET_NAME,
  upperEnum,
  type ConfigProblem,
} from '../../../shared/config';
import { BRIDGE_DEFAULTS, type BridgeConfig, type ClaimCheckConfig } from './bridge-config';
import { parseConnectorsSetting } from './connectors-setting';

type Env = Record<string, string | undefined>;

export interface LoadBridgeConfigOptions {
  /**
   * What reads the configuration: the container (`bridge`), the callback Lambda (`callback`: no
   * OpenCTI URL needed) or the scheduled heartbeat Lambda (`heartbeat`: API listen mode).
   * @default 'bridge'
   */
  purpose?: 'bridge' | 'callback' | 'heartbeat';
}

/**
 * Reads the bridge configuration from environment variables (see README.md). Throws one
 * {@link ConfigError} naming every bad variable; secret values are never part of the message.
 */
export function loadBridgeConfig(env: Env, options: LoadBridgeConfigOptions = {}): BridgeConfig {
  const purpose = options.purpose ?? 'bridge';
  const problems: ConfigProblem[] = [];
  const source = envSource(env);
  const read = <T>(variable: string, schema: z.ZodType<T>, expected: string, def?: T, required = false): T | undefined =>
    readSetting(source, { variable, schema, expected, default: def, required }, problems);
  const port = integerSetting.min(0).max(65535);

  const url = read('OPENCTI_URL', httpUrlSetting, 'the platform URL, e.g. http://opencti:8080', undefined, purpose !== 'callback');
  const sslVerify = read('OPENCTI_SSL_VERIFY', booleanSetting, 'true or false', true);
  const listenProtocol = read(
    'CONNECTOR_LISTEN_PROTOCOL',
    upperEnum(['AMQP', 'API']),
    'AMQP or API',
    purpose === 'bridge' ? ('AMQP' as const) : ('API' as const),
  );
  const callbackBaseUrl = read(
    'BRIDGE_CALLBACK_URL',
    httpUrlSetting,
    'the http(s) URL of the callback ingress; a connector registers <url>/<id>',
  );
  const connectors = parseConnectorsSetting(
    env.BRIDGE_CONNECTORS,
    { needCallbackUri: listenProtocol === 'API' && purpose !== 'callback', callbackBaseUrl },
    problems,
  );
  const mq = readMqSettings(source, problems);
  const healthPort = read('BRIDGE_HEALTH_PORT', port, 'a port number (0 for any free port)', BRIDGE_DEFAULTS.healthPort);
  const claimCheck = readClaimCheck(env, problems);
  const prefetch = read('BRIDGE_PREFETCH', integerSetting.min(1).max(65535), 'an integer from 1 to 65535', BRIDGE_DEFAULTS.prefetch);
  const maxMessageBytes = read(
    'BRIDGE_MAX_MESSAGE_BYTES',
    integerSetting.min(1024).max(1024 * 1024),
    "an integer from 1024 to 1048576 (the queue's MaximumMessageSize)",
    BRIDGE_DEFAULTS.maxMessageBytes,
  );
  const lingerMs = read('BRIDGE_LINGER_MS', integerSetting.min(0).max(1000), 'milliseconds from 0 to 1000');
  const statsSeconds = read('BRIDGE_STATS_INTERVAL_SECONDS', integerSetting.min(1), 'a number of seconds');
  const shutdownSeconds = read(
    'BRIDGE_SHUTDOWN_TIMEOUT_SECONDS',
    integerSetting.min(1).max(3600),
    "a number of seconds, below the orchestrator's stop timeout",
  );
  const logLevel = read(
    'BRIDGE_LOG_LEVEL',
    upperEnum(['DEBUG', 'INFO', 'WARN', 'WARNING', 'ERROR']),
    'one of debug, info, warn, error',
    'INFO' as const,
  );

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    opencti: { url: url ?? '', sslVerify: sslVerify! },
    listenProtocol: listenProtocol!,
    connectors,
    mq,
    healthPort,
    ...(claimCheck ? { claimCheck } : {}),
    prefetch: prefetch!,
    maxMessageBytes: maxMessageBytes!,
    logLevel: logLevel === 'WARNING' ? 'WARN' : logLevel!,
    timings: {
      ...(lingerMs !== undefined ? { lingerMs } : {}),
      ...(statsSeconds !== undefined ? { statsIntervalMs: statsSeconds * 1000 } : {}),
      ...(shutdownSeconds !== undefined ? { shutdownTimeoutMs: shutdownSeconds * 1000 } : {}),
    },
  };
}

function readClaimCheck(env: Env, problems: ConfigProblem[]): ClaimCheckConfig | undefined {
  const bucket = env.BRIDGE_CLAIM_CHECK_BUCKET?.trim() || undefined;
  const dir = env.BRIDGE_CLAIM_CHECK_DIR?.trim() || undefined;
  if (bucket && dir) {
    problems.push({
      variable: 'BRIDGE_CLAIM_CHECK_BUCKET',
      expected: 'set either BRIDGE_CLAIM_CHECK_BUCKET or BRIDGE_CLAIM_CHECK_DIR, not both',
    });
    return undefined;
  }
  if (bucket) {
    if (!S3_BUCKET_NAME.test(bucket)) {
      problems.push({ variable: 'BRIDGE_CLAIM_CHECK_BUCKET', expected: `expected an S3 bucket name, got ${JSON.stringify(bucket)}` });
      return undefined;
    }
    const prefix = env.BRIDGE_CLAIM_CHECK_PREFIX?.trim() || BRIDGE_DEFAULTS.claimCheckPrefix;
    return { kind: 's3', bucket, prefix };
  }
  return dir ? { kind: 'file', dir } : undefined;
}

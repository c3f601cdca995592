import { ConfigError } from '../../shared/config';
import { emfMetricsSink } from '../../shared/metrics';
import { startBridge } from './bridge';
import { DEFAULT_TIMINGS } from './bridge-options';
import { loadBridgeConfig } from './config/load-config';

/**
 * The bridge container's process: configuration from the environment, then the bridge until
 * SIGTERM or SIGINT, which stop it gracefully (in-flight messages flushed and acked) within the
 * shutdown timeout. A second signal, or an overrun, exits at once; RabbitMQ requeues anything
 * unacked, so nothing is lost either way.
 */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  let config;
  try {
    config = loadBridgeConfig(env);
  } catch (error) {
    // A ConfigError names the variables and never holds a secret.
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
    return;
  }
  // EMF on stdout: the awslogs driver ships it to CloudWatch Logs, which extracts the metrics.
  const bridge = await startBridge({ config, metrics: (connector) => emfMetricsSink({ service: 'bridge', connector, coldStart: false }) });
  const shutdownMs = config.timings?.shutdownTimeoutMs ?? DEFAULT_TIMINGS.shutdownTimeoutMs;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(JSON.stringify({ level: 'INFO', message: `received ${signal}, stopping`, service: 'bridge' }));
    setTimeout(() => process.exit(1), shutdownMs + 5_000).unref();
    bridge.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`bridge failed to start: ${error.message}`);
    process.exit(1);
  });
}

import type { ScheduledEvent } from 'aws-lambda';
import { SecretResolver } from '../../shared/config';
import { createLogger } from '../../shared/logging';
import { runHeartbeat, type HeartbeatOptions, type HeartbeatResult } from './registration/heartbeat';
import { loadBridgeConfig } from './config/load-config';
import { HeartbeatFailedError } from './errors';

/**
 * A scheduled Lambda handler for API listen mode: registration and ping of every connector in
 * `BRIDGE_CONNECTORS`. Throws when a connector failed, so the invocation counts as an error
 * (alarm) and EventBridge retries it; the next schedule tries again anyway.
 */
export function createHeartbeatHandler(
  env: Record<string, string | undefined>,
  overrides: Partial<HeartbeatOptions> = {},
): (event?: ScheduledEvent) => Promise<HeartbeatResult[]> {
  let options: HeartbeatOptions | undefined;
  return async () => {
    if (!options) {
      const config = loadBridgeConfig(env, { purpose: 'heartbeat' });
      const secrets = overrides.secrets ?? new SecretResolver();
      const logger =
        overrides.logger ?? createLogger({ serviceName: 'bridge-heartbeat', level: config.logLevel, secrets: () => secrets.knownValues() });
      options = { ...overrides, config, secrets, logger };
    }
    const results = await runHeartbeat(options);
    const failed = results.filter((r) => r.error);
    if (failed.length > 0)
      throw new HeartbeatFailedError(
        `heartbeat failed for ${failed.length} of ${results.length} connectors: ${failed.map((r) => `${r.connectorId} (${r.error})`).join('; ')}`,
      );
    return results;
  };
}

/** Entry point of the heartbeat Lambda (EventBridge schedule, e.g. `rate(1 minute)`). */
export const handler = createHeartbeatHandler(process.env);

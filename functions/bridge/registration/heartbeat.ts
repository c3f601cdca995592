import { SecretResolver } from '../../../shared/config';
import type { Logger } from '../../../shared/logging';
import type { BridgeConfig } from '../config/bridge-config';
import { defaultOpenCtiClient, type CreateOpenCtiApi } from './opencti-api';
import { registrationInput } from './registration-input';

export interface HeartbeatOptions {
  config: BridgeConfig;
  /** @default `new OpenCtiClient(options)` */
  createOpenCtiClient?: CreateOpenCtiApi;
  /** @default a resolver backed by Secrets Manager */
  secrets?: SecretResolver;
  logger?: Logger;
}

/** What one heartbeat did for one connector. */
export interface HeartbeatResult {
  connectorId: string;
  platformVersion?: string;
  registered: boolean;
  pinged: boolean;
  error?: string;
}

/**
 * One round of API listen mode's keep-alive, run on a schedule (every minute keeps connectors
 * well inside the platform's 5-minute liveness window): for each connector, health check,
 * `registerConnector` with its `listen_callback_uri`, and a ping. Registering every time is how a
 * stateless function re-registers after a platform restart; the platform treats it as an update.
 */
export async function runHeartbeat(options: HeartbeatOptions): Promise<HeartbeatResult[]> {
  const { config, logger } = options;
  const secrets = options.secrets ?? new SecretResolver();
  const createClient = options.createOpenCtiClient ?? defaultOpenCtiClient;
  return Promise.all(
    config.connectors.map(async (connector): Promise<HeartbeatResult> => {
      const result: HeartbeatResult = { connectorId: connector.id, registered: false, pinged: false };
      try {
        const client = createClient({
          url: config.opencti.url,
          token: await secrets.resolve(connector.token),
          sslVerify: config.opencti.sslVerify,
        });
        result.platformVersion = await client.health();
        await client.registerConnector(registrationInput(connector, config.listenProtocol), result.platformVersion);
        result.registered = true;
        await client.pingConnector(connector.id, null, result.platformVersion);
        result.pinged = true;
        logger?.info('heartbeat', { ...result });
      } catch (error) {
        result.error = `${(error as Error).name}: ${(error as Error).message}`;
        logger?.error('heartbeat failed', { ...result });
      }
      return result;
    }),
  );
}

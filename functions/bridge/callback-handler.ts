import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { SecretResolver } from '../../shared/config';
import { createLogger, type Logger } from '../../shared/logging';
import { defaultS3Client, defaultSqsClient } from './bridge-options';
import { lambdaCallbackHandler, type CallbackEvent } from './callback/callback-adapters';
import { createCallbackIngress, type CallbackIngress } from './callback/callback-ingress';
import { createClaimCheckStore } from './forward/claim-check-store';
import { loadBridgeConfig } from './config/load-config';
import { SqsForwarder } from './forward/sqs-forwarder';

/** Clients the callback Lambda uses, for tests; production builds them from the environment. */
export interface CallbackHandlerOverrides {
  sqs?: SQSClient;
  s3?: S3Client;
  secrets?: SecretResolver;
  logger?: Logger;
}

/**
 * The callback Lambda from environment variables (`BRIDGE_CONNECTORS`, claim-check settings):
 * built on the first request and kept for the life of the container, so tokens from Secrets
 * Manager are fetched once. A bad configuration fails every request (logged), never silently.
 */
export function createCallbackHandler(env: Record<string, string | undefined>, overrides: CallbackHandlerOverrides = {}) {
  let ingress: CallbackIngress | undefined;
  const build = async (): Promise<CallbackIngress> => {
    if (ingress) return ingress;
    const config = loadBridgeConfig(env, { purpose: 'callback' });
    const secrets = overrides.secrets ?? new SecretResolver();
    const logger =
      overrides.logger ?? createLogger({ serviceName: 'bridge-callback', level: config.logLevel, secrets: () => secrets.knownValues() });
    const forwarder = new SqsForwarder({
      sqs: overrides.sqs ?? defaultSqsClient(),
      claimCheck: createClaimCheckStore(config.claimCheck, { s3: async () => overrides.s3 ?? defaultS3Client() }),
      // One message per request: send at once, and give up quickly so the worker's retry takes over.
      lingerMs: 0,
      maxAttempts: 3,
      backoff: { initialMs: 100, maxMs: 1_000 },
      maxMessageBytes: config.maxMessageBytes,
      logger,
    });
    ingress = createCallbackIngress({
      connectors: config.connectors,
      resolveToken: (connector) => secrets.resolve(connector.token),
      forward: (queueUrl, connectorId, body) => forwarder.forward(queueUrl, connectorId, body),
      logger,
    });
    return ingress;
  };
  return lambdaCallbackHandler(build);
}

/** Entry point of the callback Lambda (function URL or API Gateway). */
export const handler: (event: CallbackEvent) => ReturnType<ReturnType<typeof lambdaCallbackHandler>> = createCallbackHandler(process.env);

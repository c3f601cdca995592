import { join } from 'node:path';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { buildSync } from 'esbuild';
import { shodanInternetdb } from '../../functions/shodan-internetdb/service';
import { esbuildOptions } from '../../infra/bundling';
import { REPO_ROOT } from '../../infra/paths';
import { SecretResolver } from '../../shared/config';
import { createSqsHandler } from '../../shared/pipeline/handler';
import { buildRuntimeDeps } from '../../shared/pipeline/runtime';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/** A deployed shodan-internetdb function's environment, pointed at the stand-ins (log level error). */
export function handlerEnv(
  standIns: { openctiUrl: string; vendorUrl: string },
  token: string,
  connectorId: string,
): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    OPENCTI_URL: standIns.openctiUrl,
    OPENCTI_TOKEN: token,
    CONNECTOR_ID: connectorId,
    CONNECTOR_NAME: 'bench',
    CONNECTOR_SCOPE: 'IPv4-Addr',
    CONNECTOR_LOG_LEVEL: 'error',
    SHODAN_INTERNETDB_BASE_URL: standIns.vendorUrl,
  };
}

/**
 * The shodan-internetdb handler configured by `env` alone, as a deployed function is: run from the
 * TypeScript source, or from the bundle infra/bundling.ts builds (what ships).
 */
export async function benchHandler(env: Record<string, string>, from: 'source' | 'bundle'): Promise<SqsHandler> {
  if (from === 'source') {
    return createSqsHandler(shodanInternetdb, (service) =>
      buildRuntimeDeps(service, {
        env,
        secrets: new SecretResolver(async () => undefined),
        // Retries are released at once: no SQS to tell.
        sqs: { send: async () => ({}) } as unknown as SQSClient,
      }),
    ) as SqsHandler;
  }
  const outdir = join(REPO_ROOT, 'bench-results', 'cpu-bundle');
  buildSync({ ...esbuildOptions(join(REPO_ROOT, 'functions/shodan-internetdb/handler.ts'), outdir, { amqp: false }), logLevel: 'error' });
  // The bundle reads its configuration from the environment, as in Lambda.
  Object.assign(process.env, env);
  const module = (await import(join(outdir, 'index.mjs'))) as { handler: SqsHandler };
  return module.handler;
}

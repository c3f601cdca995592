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
  buildSync({ ...esbuildOptions(join(REPO_ROOT, 'functions/shodan-internetdb/handler.ts'), outdir), logLevel: 'error' });
  // The bundle reads its configuration from the environment, as in Lambda.
  Object.assign(process.env, env);
  const module = (await import(join(outdir, 'index.mjs'))) as { handler: SqsHandler };
  return module.handler;
}

import type { ConnectorConfig } from '../config/connector-config';
import type { Logger } from '../logging/logger';
import { MemoryQuotaStore } from '../quota/memory-quota-store';
import type { QuotaStore } from '../quota/quota-store';
import { pipelineQuota, type PipelineQuota } from './pipeline-quota';

/** The variable with the quota table's name, set by the CDK app on every function. */
export const QUOTA_TABLE_VARIABLE = 'PIPELINE_QUOTA_TABLE';

/**
 * The store a function counts in: the deployment's DynamoDB table (`PIPELINE_QUOTA_TABLE`), shared
 * by every worker of every connector. Without the variable (a function deployed by hand), an
 * in-memory store per container, with a warning: limits then hold per container only.
 */
export async function quotaStoreFromEnv(env: Record<string, string | undefined>, logger: Logger): Promise<QuotaStore> {
  const tableName = env[QUOTA_TABLE_VARIABLE];
  if (!tableName) {
    logger.warn(`${QUOTA_TABLE_VARIABLE} is not set: rate limits and the answer cache hold per function instance only`);
    return new MemoryQuotaStore();
  }
  // Loaded only where a table is used, so `npm start` and the tests never load the DynamoDB client.
  const { DynamoQuotaStore } = await import('../quota/dynamo-quota-store');
  return new DynamoQuotaStore({ tableName });
}

/** The connector's quota governance, logged once at start so a deployment shows its limits. */
export async function buildPipelineQuota(
  config: ConnectorConfig,
  env: Record<string, string | undefined>,
  logger: Logger,
  store?: QuotaStore,
): Promise<PipelineQuota> {
  const quota = pipelineQuota(config.service.quota, store ?? (await quotaStoreFromEnv(env, logger)), config.service.envPrefix);
  logger.info('Quota governance', {
    rateLimit: quota.policy.windows.map((w) => w.label).join(',') || 'none',
    manualReserve: quota.policy.manualReserve,
    cacheTtlSeconds: quota.cacheTtlSeconds,
    manualBypassCache: quota.manualBypassCache,
    skipPrivateAddresses: quota.skipPrivateAddresses,
    onQuotaExhausted: quota.onExhausted,
  });
  return quota;
}

import type { SecretResolver } from '../../../shared/config';
import type { ResolvedMqOverrides } from '../../../shared/rabbitmq/connection';
import type { MqOverrides } from './bridge-config';

/** The `MQ_*` overrides with `MQ_PASS` resolved (inline or Secrets Manager), fetched once. */
export function resolveMqOverrides(mq: MqOverrides, secrets: SecretResolver): () => Promise<ResolvedMqOverrides> {
  return async () => {
    const { pass, ...rest } = mq;
    return pass ? { ...rest, pass: await secrets.resolve(pass) } : rest;
  };
}

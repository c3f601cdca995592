import type { SecretResolver } from '../../shared/config';
import type { ResolvedMqOverrides } from './amqp-connect';
import type { MqOverrides } from './config';

/** The `MQ_*` overrides with `MQ_PASS` resolved (inline or Secrets Manager), fetched once. */
export function resolveMqOverrides(mq: MqOverrides, secrets: SecretResolver): () => Promise<ResolvedMqOverrides> {
  return async () => {
    const { pass, ...rest } = mq;
    return pass ? { ...rest, pass: await secrets.resolve(pass) } : rest;
  };
}

/** Waits for `work`, but no longer than `ms`; never rejects, and leaves no timer behind. */
export async function withDeadline(work: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([
      work.then(
        () => 'done' as const,
        () => 'done' as const,
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

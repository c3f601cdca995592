import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from './errors';
import type { SecretRef } from './secret-ref';

/** Fetches a secret string by name or ARN. */
export type SecretFetcher = (secretId: string) => Promise<string | undefined>;

/**
 * Production fetcher: AWS Secrets Manager's `GetSecretValue`. The SDK module is imported, and the
 * client made (unless given), on the first fetch and kept: a process whose secrets are all plain
 * values never loads it, and a function loads it during its first invocation, not at import
 * (in Lambda it is the runtime's copy, infra/bundling.ts).
 */
export function secretsManagerFetcher(client?: SecretsManagerClient): SecretFetcher {
  const load = async () => {
    const sdk = await import('@aws-sdk/client-secrets-manager');
    return { client: client ?? new sdk.SecretsManagerClient({}), GetSecretValueCommand: sdk.GetSecretValueCommand };
  };
  let loading: ReturnType<typeof load> | undefined;
  return async (secretId) => {
    // A failed load is not kept: the next secret tries again.
    const sdk = await (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
    return (await sdk.client.send(new sdk.GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  };
}

/** A secret could not be fetched; names the setting and the secret id, never a value. */
export class SecretResolutionError extends ConfigError {
  override readonly name = 'SecretResolutionError';
  constructor(setting: string, reason: string, options?: ErrorOptions) {
    super([{ variable: setting, expected: reason }], options);
    // One secret at run time: a line of its own reads better than the start-up list.
    this.message = `${setting}: ${reason}`;
  }
}

/**
 * Resolves secret references, fetching each Secrets Manager secret once per resolver (one
 * resolver lives as long as a Lambda container or the local process).
 */
export class SecretResolver {
  readonly #cache = new Map<string, Promise<string>>();
  readonly #known = new Set<string>();

  constructor(private readonly fetch: SecretFetcher = secretsManagerFetcher()) {}

  /** The secret's value. */
  async resolve(ref: SecretRef): Promise<string> {
    if (ref.kind === 'value') return this.#remember(ref.value);
    let pending = this.#cache.get(ref.secretId);
    if (!pending) {
      pending = this.#fetchOnce(ref);
      this.#cache.set(ref.secretId, pending);
      pending.catch(() => this.#cache.delete(ref.secretId));
    }
    return this.#remember(await pending);
  }

  /** Every secret value resolved so far, for the logger to redact. */
  knownValues(): string[] {
    return [...this.#known];
  }

  async #fetchOnce(ref: Extract<SecretRef, { kind: 'secrets-manager' }>): Promise<string> {
    let value: string | undefined;
    try {
      value = await this.fetch(ref.secretId);
    } catch (error) {
      const reason = (error as Error).name ?? 'error';
      throw new SecretResolutionError(ref.setting, `cannot read secret "${ref.secretId}" from Secrets Manager (${reason})`, {
        cause: error,
      });
    }
    if (!value?.trim()) throw new SecretResolutionError(ref.setting, `secret "${ref.secretId}" has no string value`);
    return value.trim();
  }

  #remember(value: string): string {
    this.#known.add(value);
    return value;
  }
}

import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError, SecretResolutionError, SecretResolver } from '../../shared/config';
import { secretsManagerFetcher } from '../../shared/config/secrets';

describe('SecretResolver', () => {
  it('fetches a Secrets Manager secret once and caches it', async () => {
    const fetch = jest.fn(async () => ' s3cret-value ');
    const resolver = new SecretResolver(fetch);
    const ref = { kind: 'secrets-manager' as const, setting: 'OPENCTI_TOKEN_SECRET', secretId: 'opencti/token' };
    expect(await resolver.resolve(ref)).toBe('s3cret-value');
    expect(await resolver.resolve(ref)).toBe('s3cret-value');
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(resolver.knownValues()).toEqual(['s3cret-value']);
  });

  it('names the setting and the secret, not a value, when the fetch fails, and tries again later', async () => {
    const fetch = jest
      .fn()
      .mockRejectedValueOnce(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))
      .mockResolvedValueOnce('ok-value');
    const resolver = new SecretResolver(fetch);
    const ref = { kind: 'secrets-manager' as const, setting: 'ABUSEIPDB_API_KEY_SECRET', secretId: 'abuse/key' };
    const error = await resolver.resolve(ref).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretResolutionError);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as SecretResolutionError).problems).toEqual([
      { variable: 'ABUSEIPDB_API_KEY_SECRET', expected: expect.stringMatching(/^cannot read/) },
    ]);
    expect((error as Error).cause).toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      new SecretResolver(async () => Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))).resolve(ref),
    ).rejects.toThrow('ABUSEIPDB_API_KEY_SECRET: cannot read secret "abuse/key" from Secrets Manager (AccessDeniedException)');
    expect(await resolver.resolve(ref)).toBe('ok-value');
  });
});

describe('secretsManagerFetcher', () => {
  it('sends GetSecretValue with the client given (the SDK module is loaded on the first fetch) and answers the string', async () => {
    const sent: unknown[] = [];
    const client = {
      send: async (command: unknown) => {
        sent.push(command);
        return { SecretString: 'value-of-' + (command as GetSecretValueCommand).input.SecretId };
      },
    } as unknown as SecretsManagerClient;
    const fetch = secretsManagerFetcher(client);
    expect(sent).toEqual([]);
    expect(await fetch('opencti/token')).toBe('value-of-opencti/token');
    expect(await fetch('abuse/key')).toBe('value-of-abuse/key');
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBeInstanceOf(GetSecretValueCommand);
    expect((sent[1] as GetSecretValueCommand).input).toEqual({ SecretId: 'abuse/key' });
  });
});

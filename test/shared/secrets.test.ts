import { ConfigError, SecretResolutionError, SecretResolver } from '../../shared/config';

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

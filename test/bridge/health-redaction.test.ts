import { startHttpServer } from '../../functions/bridge/health/http-server';

describe('GET /health', () => {
  it('redacts what logs redact: credentials in URLs, bearer tokens and known secret values', async () => {
    const lastError =
      'FetchError: request to https://admin:hunter22@opencti.example.org/graphql?token=query-token failed, ' +
      'sent Authorization: Bearer header-token with the connector token 0f0e0d0c-known-secret';
    const server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      health: () => ({ status: 'degraded', connectors: [{ id: 'c', registered: false, lastError, consumer: { lastError } }] }),
      secrets: () => ['0f0e0d0c-known-secret'],
    });
    try {
      const text = await (await fetch(`${server.url}/health`)).text();
      for (const leak of ['hunter22', 'admin:', 'query-token', 'header-token', '0f0e0d0c-known-secret']) expect(text).not.toContain(leak);
      expect(JSON.parse(text).connectors[0].lastError).toBe(
        'FetchError: request to https://[REDACTED]@opencti.example.org/graphql?token=[REDACTED] failed, ' +
          'sent Authorization: Bearer [REDACTED] with the connector token [REDACTED]',
      );
    } finally {
      await server.close();
    }
  });
});

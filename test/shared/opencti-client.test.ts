import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  OpenCtiAuthError,
  OpenCtiClient,
  OpenCtiError,
  OpenCtiGraphQLError,
  OpenCtiHttpError,
  OpenCtiUnavailableError,
} from '../../shared/opencti';
import { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import { buildBundle, ipv4Addr } from '../../shared/stix';
import { hasSharedReference } from '../helpers/shared-reference';
import { openctiSchema, validateDocument } from '../helpers/graphql-schema';

const TOKEN = 'connector-token-0123456789';
const CONNECTOR = 'a1b2c3d4-0000-4000-8000-000000000001';

describe('OpenCtiClient', () => {
  const platform = new OpenCtiStandIn({
    tokens: [TOKEN],
    version: '6.9.17',
    validate: hasSharedReference() ? validateDocument : undefined,
  });
  let client: OpenCtiClient;

  beforeAll(async () => {
    // Built before the first request, which would otherwise wait for it past the client's timeout.
    if (hasSharedReference()) openctiSchema();
    client = new OpenCtiClient({ url: await platform.start(), token: TOKEN, timeoutMs: 20_000 });
  });
  afterAll(() => platform.stop());

  it('checks health and registers, pings, reports work and pushes a bundle with a bearer token', async () => {
    expect(await client.health()).toBe('6.9.17');
    const registration = await client.registerConnector(
      {
        id: CONNECTOR,
        name: 'Test',
        type: 'INTERNAL_ENRICHMENT',
        scope: ['IPv4-Addr'],
        auto: true,
        auto_update: false,
        only_contextual: false,
        playbook_compatible: true,
      },
      '6.9.17',
    );
    expect(registration.config.listen).toBe(`listen_${CONNECTOR}`);
    await client.pingConnector(CONNECTOR, null, '6.9.17');
    const work = platform.createWork(CONNECTOR);
    await client.workToReceived(work.id, 'Connector ready to process the operation');
    await client.pushBundle(CONNECTOR, buildBundle([ipv4Addr('8.8.8.8')]), work.id);
    await client.workToProcessed(work.id, 'done');
    expect(platform.works.get(work.id)).toMatchObject({
      status: 'complete',
      messages: ['Connector ready to process the operation', 'done'],
    });
    expect(platform.pushed[0]).toMatchObject({ connectorId: CONNECTOR, workId: work.id });
    expect(platform.requests.every((r) => r.token === TOKEN && r.validationErrors.length === 0)).toBe(true);
  });

  it('leaves out registration fields an older platform does not know', async () => {
    await client.registerConnector(
      {
        id: CONNECTOR,
        name: 'Test',
        type: 'INTERNAL_ENRICHMENT',
        scope: [],
        auto: false,
        auto_update: true,
        only_contextual: false,
        playbook_compatible: true,
        listen_callback_uri: 'https://x',
      },
      '6.5.2',
    );
    expect(platform.calls('registerConnector').at(-1)?.variables.input).not.toHaveProperty('auto_update');
    expect(platform.calls('registerConnector').at(-1)?.variables.input).not.toHaveProperty('listen_callback_uri');
  });

  it("surfaces a GraphQL error with the platform's own message", async () => {
    const error = await client.workToReceived('work_missing', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenCtiGraphQLError);
    expect((error as Error).message).toContain('Work work_missing not found');
    expect(error).toMatchObject({ retryable: false, operation: 'workEdit.toReceived' });
  });

  it('says that the token was refused on a 401, without the token', async () => {
    const wrong = new OpenCtiClient({ url: platform.url, token: 'wrong-token-abcdef' });
    const error = (await wrong.health().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(OpenCtiAuthError);
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toMatch(/refused the token.*OPENCTI_TOKEN/);
    expect(JSON.stringify({ message: error.message, stack: error.stack, cause: String(error.cause) })).not.toContain('wrong-token-abcdef');
  });

  it('reports an unreachable platform as retryable', async () => {
    const gone = new OpenCtiClient({ url: 'http://127.0.0.1:1', token: TOKEN, timeoutMs: 2000 });
    const error = (await gone.health().catch((e: unknown) => e)) as OpenCtiError;
    expect(error).toBeInstanceOf(OpenCtiError);
    expect(error.retryable).toBe(true);
  });

  it('says whether another attempt can help from the HTTP status the platform answers', async () => {
    // The status to answer is the first path segment: <url>/503/graphql answers 503.
    const server: Server = createServer((req, res) => res.writeHead(Number(req.url?.split('/')[1])).end('busy'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const failure = (status: number) =>
      new OpenCtiClient({ url: `${url}/${status}`, token: TOKEN, timeoutMs: 2000 }).health().catch((e: unknown) => e as OpenCtiError);
    try {
      const [busy, limited, missing] = await Promise.all([failure(503), failure(429), failure(404)]);
      expect(busy).toBeInstanceOf(OpenCtiUnavailableError);
      expect(limited).toMatchObject({ name: 'OpenCtiUnavailableError', retryable: true, message: expect.stringContaining('HTTP 429') });
      expect(missing).toBeInstanceOf(OpenCtiHttpError);
      expect(missing).toMatchObject({ retryable: false, status: 404, message: expect.stringContaining('HTTP 404 to health check') });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('gives up on a platform that does not answer within the timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const slow = new OpenCtiClient({ url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, token: TOKEN, timeoutMs: 200 });
    await expect(slow.health()).rejects.toMatchObject({ retryable: true });
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
  });
});

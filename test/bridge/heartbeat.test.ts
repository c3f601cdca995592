import { createHeartbeatHandler } from '../../functions/bridge';
import { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import { validateDocument } from '../helpers/graphql-schema';
import { describeWithReference } from '../helpers/shared-reference';
import { silentLogger } from './harness';

const A = { id: '0b7c8f0e-1d2a-4c3b-9e4f-5a6b7c8d9e0f', token: 'token-of-a' };
const B = { id: '1c8d9f1f-2e3b-4d4c-8f5a-6b7c8d9e0f1a', token: 'token-of-b' };

describeWithReference('heartbeat handler (API listen mode)', () => {
  let platform: OpenCtiStandIn;

  beforeAll(async () => {
    platform = new OpenCtiStandIn({ tokens: [A.token, B.token], validate: validateDocument });
    await platform.start();
  });
  afterAll(async () => {
    await platform.stop();
  });

  const env = (tokenOfB = B.token) => ({
    OPENCTI_URL: platform.url,
    CONNECTOR_LISTEN_PROTOCOL: 'API',
    BRIDGE_CALLBACK_URL: 'https://callback.example.org/',
    BRIDGE_CONNECTORS: JSON.stringify([
      { id: A.id, name: 'Connector A', scope: ['IPv4-Addr'], token: A.token, queue_url: 'https://sqs.eu-west-1.amazonaws.com/1/a' },
      {
        id: B.id,
        name: 'Connector B',
        scope: ['Domain-Name'],
        auto: true,
        token: tokenOfB,
        queue_url: 'https://sqs.eu-west-1.amazonaws.com/1/b',
      },
    ]),
  });

  it('registers every connector with its callback URI and token, then pings it, on each run', async () => {
    const handler = createHeartbeatHandler(env(), { logger: silentLogger() });

    await handler();
    const results = await handler();

    expect(results).toEqual([
      { connectorId: A.id, platformVersion: '6.9.17', registered: true, pinged: true },
      { connectorId: B.id, platformVersion: '6.9.17', registered: true, pinged: true },
    ]);
    const registrations = platform.calls('registerConnector');
    expect(registrations.map((r) => [(r.variables.input as { id: string }).id, r.token])).toEqual([
      [A.id, A.token],
      [B.id, B.token],
      [A.id, A.token],
      [B.id, B.token],
    ]);
    expect(registrations[1]?.variables.input).toMatchObject({
      type: 'INTERNAL_ENRICHMENT',
      auto: true,
      playbook_compatible: true,
      listen_callback_uri: `https://callback.example.org/${B.id}`,
    });
    expect(platform.connectors.get(A.id)?.pings).toBe(2);
    expect(platform.requests.flatMap((r) => r.validationErrors)).toEqual([]);
  });

  it('throws, naming the connector, when one connector fails, after serving the others', async () => {
    const handler = createHeartbeatHandler(env('revoked-token'), { logger: silentLogger() });
    const pingsOfA = platform.connectors.get(A.id)?.pings ?? 0;

    await expect(handler()).rejects.toThrow(new RegExp(`heartbeat failed for 1 of 2 connectors: ${B.id} \\(OpenCtiAuthError`));
    expect(platform.connectors.get(A.id)?.pings).toBe(pingsOfA + 1);
  });
});

import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { CALLBACK_RESPONSES, createCallbackHandler, startBridge, type Bridge } from '../../functions/bridge';
import { loopbackSqsClient } from '../helpers/fauxqs-process';
import { TcpProxy } from '../helpers/tcp-proxy';
import { BridgeHarness, FAST_TIMINGS, listenMessages, silentLogger, waitFor } from './harness';

describe('callback ingress (API listen mode)', () => {
  let harness: BridgeHarness;
  let bridge: Bridge;
  let proxy: TcpProxy;
  let connectors: Array<Awaited<ReturnType<BridgeHarness['connector']>>>;
  const clients: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    harness = await BridgeHarness.start();
    proxy = new TcpProxy({ host: '127.0.0.1', port: harness.fauxqs.port });
    await proxy.start();
    connectors = [await harness.connector(), await harness.connector()];
    const sqs = loopbackSqsClient(`http://127.0.0.1:${proxy.port}`, { maxAttempts: 1 });
    clients.push(sqs);
    bridge = await startBridge({
      config: harness.config(
        connectors.map((c) => ({ ...c, listenCallbackUri: `http://127.0.0.1:1/callback/${c.id}` })),
        { listenProtocol: 'API', healthPort: 0 },
      ),
      sqs,
      logger: silentLogger(),
      timings: FAST_TIMINGS,
      httpHost: '127.0.0.1',
    });
    await waitFor(() => bridge.health().status === 'ok', 5_000, 'registered');
  });
  afterAll(async () => {
    await bridge.stop();
    await proxy.stop();
    clients.forEach((client) => client.destroy());
    await harness.stop();
  });

  const post = (connectorId: string, body: string, authorization?: string) =>
    fetch(`${bridge.url}/callback/${connectorId}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
    });

  it('registers each connector with its listen_callback_uri and reports the consumer as callback', () => {
    for (const connector of connectors) {
      const input = harness.standIn.calls('registerConnector').find((r) => (r.variables.input as { id: string }).id === connector.id)
        ?.variables.input;
      expect(input).toMatchObject({ listen_callback_uri: `http://127.0.0.1:1/callback/${connector.id}` });
    }
    expect(bridge.health().connectors.map((c) => c.consumer.state)).toEqual(['callback', 'callback']);
  });

  it('answers 202 to the connector token and enqueues the body unchanged into that connector queue', async () => {
    const [a] = connectors;
    const [body] = listenMessages(a!.id, 1);

    const response = await post(a!.id, body!, `Bearer ${a!.tokenValue}`);

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ message: 'Message successfully received' });
    const [message] = await harness.receive(a!.queueUrl, 1);
    expect(message?.Body).toBe(body);
    expect(message?.MessageAttributes?.work_id?.StringValue).toBe(`work_${a!.id}_0`);
  });

  it.each([
    ['no Authorization header', undefined],
    ['another connector token', 'other'],
    ['a wrong token', 'Bearer not-the-token'],
    ['a Basic scheme', 'Basic abc'],
  ])('answers 401 Invalid credentials to %s', async (_case, authorization) => {
    const [a, b] = connectors;
    const header = authorization === 'other' ? `Bearer ${b!.tokenValue}` : authorization;
    const response = await post(a!.id, '{}', header);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'Invalid credentials' });
  });

  it('answers 400 Invalid JSON payload to a body that is not JSON', async () => {
    const [a] = connectors;
    const response = await post(a!.id, '{"internal": ', `Bearer ${a!.tokenValue}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Invalid JSON payload' });
  });

  it('forwards only the body: a caller cannot set the claim_check attribute, and a pointer-looking body stays a body', async () => {
    const [a] = connectors;
    const forged = JSON.stringify({ claim_check: { file: '/etc/passwd', bytes: 1, sha256: '0'.repeat(64) } });
    const response = await fetch(`${bridge.url}/callback/${a!.id}`, {
      method: 'POST',
      body: forged,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${a!.tokenValue}`,
        claim_check: 'file',
        'x-amz-sqs-message-attribute-claim_check': forged,
      },
    });
    expect(response.status).toBe(202);
    const [message] = await harness.receive(a!.queueUrl, 1);
    expect(message?.Body).toBe(forged);
    expect(Object.keys(message?.MessageAttributes ?? {})).toEqual(['connector_id']);
  });

  it('answers 500 Error processing message when SQS is down, so the worker retries', async () => {
    const [a] = connectors;
    await proxy.pause();
    try {
      const response = await post(a!.id, '{"internal":{}}', `Bearer ${a!.tokenValue}`);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: 'Error processing message' });
    } finally {
      await proxy.resume();
    }
  });

  it('takes messages the platform delivers to the registered callback URI', async () => {
    const [, b] = connectors;
    const [body] = listenMessages(b!.id, 1);
    // The stand-in POSTs as the platform's worker does, with the connector token.
    harness.standIn.connectors.get(b!.id)!.input.listen_callback_uri = `${bridge.url}/callback/${b!.id}`;
    await harness.standIn.deliver(b!.id, body!);
    const [message] = await harness.receive(b!.queueUrl, 1);
    expect(message?.Body).toBe(body);
  });

  describe('as a Lambda function URL handler', () => {
    const env = () => ({
      BRIDGE_CONNECTORS: JSON.stringify(
        connectors.map((c) => ({ id: c.id, name: c.name, scope: c.scope, token: c.tokenValue, queue_url: c.queueUrl })),
      ),
      CONNECTOR_LISTEN_PROTOCOL: 'API',
    });
    const urlEvent = (path: string, body: string, headers: Record<string, string>, isBase64Encoded = false) =>
      ({
        rawPath: path,
        headers: { 'content-type': 'application/json', ...headers },
        body: isBase64Encoded ? Buffer.from(body).toString('base64') : body,
        isBase64Encoded,
        requestContext: { http: { method: 'POST' } },
      }) as unknown as APIGatewayProxyEventV2;

    it('answers 202 / 401 / 400 exactly and enqueues the (base64-encoded) body', async () => {
      const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
      clients.push(sqs);
      const handler = createCallbackHandler(env(), { sqs, logger: silentLogger() });
      const [, b] = connectors;
      const [body] = listenMessages(b!.id, 1);

      const accepted = await handler(urlEvent(`/${b!.id}`, body!, { authorization: `Bearer ${b!.tokenValue}` }, true));
      const refused = await handler(urlEvent(`/${b!.id}`, body!, { authorization: 'Bearer nope' }));
      const bad = await handler(urlEvent(`/${b!.id}`, 'not json', { authorization: `Bearer ${b!.tokenValue}` }));

      expect(accepted).toEqual({
        statusCode: 202,
        headers: { 'content-type': 'application/json' },
        body: CALLBACK_RESPONSES.accepted.body,
      });
      expect(refused).toMatchObject({ statusCode: 401, body: '{"error":"Invalid credentials"}' });
      expect(bad).toMatchObject({ statusCode: 400, body: '{"error":"Invalid JSON payload"}' });
      const [message] = await harness.receive(b!.queueUrl, 1);
      expect(message?.Body).toBe(body);
    });

    it('takes API Gateway REST (payload 1.0) events with headers in any case', async () => {
      const sqs = loopbackSqsClient(harness.fauxqs.endpoint);
      clients.push(sqs);
      const handler = createCallbackHandler(env(), { sqs, logger: silentLogger() });
      const [a] = connectors;
      const event = {
        path: `/callback/${a!.id}`,
        headers: { Authorization: `Bearer ${a!.tokenValue}`, 'Content-Type': 'application/json' },
        httpMethod: 'POST',
        body: '{"x":1}',
        isBase64Encoded: false,
      } as unknown as APIGatewayProxyEvent;

      expect(await handler(event)).toMatchObject({ statusCode: 202 });
      expect((await harness.receive(a!.queueUrl, 1))[0]?.Body).toBe('{"x":1}');
    });
  });
});

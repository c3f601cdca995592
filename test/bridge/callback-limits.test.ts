import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { lambdaCallbackHandler, nodeCallbackHandler } from '../../functions/bridge/callback/callback-adapters';
import { CALLBACK_LIMITS, createCallbackIngress } from '../../functions/bridge/callback/callback-ingress';
import type { BridgeConnectorConfig } from '../../functions/bridge/config/bridge-config';
import { startHttpServer, type BridgeHttpServer } from '../../functions/bridge/health/http-server';

const CONNECTOR = {
  id: '7b82b010-b1c0-4dae-981f-7756374a17df',
  queueUrl: 'http://queue',
  token: 'unused',
} as unknown as BridgeConnectorConfig;
const TOKEN = 'the-connector-token';
const MAX = CALLBACK_LIMITS.maxBodyBytes;

/** What reached the queue: a fake of the SQS forwarder, which this file does not test. */
const forwarded: string[] = [];
const ingress = createCallbackIngress({
  connectors: [CONNECTOR],
  resolveToken: async () => TOKEN,
  forward: async (_queue, _connector, body) => void forwarded.push(body),
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request: `chunks` written one after another (chunked unless `headers` give a length). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; chunks?: Buffer[] } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/callback/${CONNECTOR.id}`, {
      method: options.method ?? 'POST',
      agent: false,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...options.headers },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (text: string) => (body += text));
      res.on('end', () => {
        // A request still being written (a Content-Length never sent) is over too.
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    const write = async () => {
      for (const chunk of options.chunks ?? []) await new Promise((done) => req.write(chunk, done));
      if (options.headers?.['content-length']) req.flushHeaders();
      else req.end();
    };
    write().catch(reject);
  });
}

describe('callback ingress limits (node server)', () => {
  let server: BridgeHttpServer;
  beforeAll(async () => {
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      health: () => ({ status: 'ok' }),
      callback: nodeCallbackHandler(ingress),
      // Short enough for the 408 test, long enough for a 10 MiB body on a busy machine.
      requestTimeoutMs: 3_000,
      maxConnections: 3,
    });
  });
  afterAll(() => server.close());

  it('takes a JSON body of exactly the limit', async () => {
    const body = `"${'x'.repeat(MAX - 2)}"`;
    const answer = await send(server.url, { chunks: [Buffer.from(body)] });
    expect(answer.status).toBe(202);
    expect(forwarded.at(-1)).toHaveLength(MAX);
  });

  it('answers 413 to a Content-Length above the limit without waiting for the body', async () => {
    const before = forwarded.length;
    const answer = await send(server.url, { headers: { 'content-length': String(MAX + 1) } });
    expect(answer).toMatchObject({ status: 413, body: expect.stringContaining('Payload larger than') });
    expect(forwarded).toHaveLength(before);
  });

  it('answers 413 to a streamed body that goes past the limit', async () => {
    const before = forwarded.length;
    const chunks = Array.from({ length: 11 }, () => Buffer.alloc(1024 * 1024, 'x'));
    const answer = await send(server.url, { chunks: [Buffer.from('"'), ...chunks, Buffer.from('"')] });
    expect(answer.status).toBe(413);
    expect(forwarded).toHaveLength(before);
  });

  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('answers 405 with Allow: POST to %s', async (method) => {
    const answer = await send(server.url, { method, chunks: ['GET', 'DELETE'].includes(method) ? [] : [Buffer.from('{}')] });
    expect(answer).toMatchObject({ status: 405, headers: { allow: 'POST' } });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'answers 415 to a %s body',
    async (type) => {
      expect((await send(server.url, { headers: { 'content-type': type }, chunks: [Buffer.from('{}')] })).status).toBe(415);
    },
  );

  it('takes application/json with a charset', async () => {
    const answer = await send(server.url, { headers: { 'content-type': 'Application/JSON; charset=utf-8' }, chunks: [Buffer.from('{}')] });
    expect(answer.status).toBe(202);
  });

  it('answers 408 and closes a request that does not arrive in time', async () => {
    const socket = connect(Number(new URL(server.url).port), '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8').on('data', (text: string) => (received += text));
    socket.write(
      `POST /callback/${CONNECTOR.id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{`,
    );
    await new Promise((resolve) => socket.once('close', resolve));
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes connections beyond the cap as they come', async () => {
    const port = Number(new URL(server.url).port);
    const open = (): Promise<Socket> =>
      new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket));
      });
    const held = [await open(), await open(), await open()];
    // Give the server time to count them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const extra = await open();
    let timer: NodeJS.Timeout | undefined;
    const closed = await new Promise<boolean>((resolve) => {
      extra.once('close', () => resolve(true));
      timer = setTimeout(() => resolve(false), 2_000);
    });
    clearTimeout(timer);
    extra.destroy();
    held.forEach((socket) => socket.destroy());
    expect(closed).toBe(true);
  });
});

describe('callback ingress limits (Lambda function URL and API Gateway)', () => {
  const handler = lambdaCallbackHandler(async () => ingress);
  const urlEvent = (method: string, body: string, headers: Record<string, string> = {}) =>
    ({
      rawPath: `/${CONNECTOR.id}`,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      body: Buffer.from(body).toString('base64'),
      isBase64Encoded: true,
      requestContext: { http: { method } },
    }) as unknown as APIGatewayProxyEventV2;

  it('answers 405 with Allow: POST to any other method, in either payload format', async () => {
    expect(await handler(urlEvent('GET', ''))).toMatchObject({ statusCode: 405, headers: { allow: 'POST' } });
    const rest = { path: `/callback/${CONNECTOR.id}`, httpMethod: 'PUT', headers: {}, body: '{}', isBase64Encoded: false };
    expect(await handler(rest as unknown as APIGatewayProxyEvent)).toMatchObject({ statusCode: 405 });
  });

  it('answers 413 above the limit, by Content-Length and by the body itself', async () => {
    expect(await handler(urlEvent('POST', '{}', { 'content-length': String(MAX + 1) }))).toMatchObject({ statusCode: 413 });
    expect(await handler(urlEvent('POST', `"${'x'.repeat(MAX)}"`))).toMatchObject({ statusCode: 413 });
  });

  it('answers 415 to a body that is not declared JSON, and 202 to one that is', async () => {
    expect(await handler(urlEvent('POST', '{}', { 'content-type': 'text/plain' }))).toMatchObject({ statusCode: 415 });
    expect(await handler(urlEvent('POST', '{}'))).toMatchObject({ statusCode: 202 });
  });
});

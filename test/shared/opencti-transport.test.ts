import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenCtiClient, OpenCtiError } from '../../shared/opencti';
import { OpenCtiFileTooLargeError } from '../../shared/opencti/errors';

const TOKEN = 'transport-token-0123456789';
const HEALTHY = JSON.stringify({ data: { about: { version: '6.9.17' } } });

type Answer = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback server whose answer each test sets, counting sockets and requests. */
class LoopbackPlatform {
  answer: Answer = (_req, res) => res.end(HEALTHY);
  sockets = 0;
  requests: IncomingMessage[] = [];
  readonly #server: Server = createServer((req, res) => {
    this.requests.push(req);
    req.resume();
    req.on('end', () => this.answer(req, res));
  }).on('connection', () => this.sockets++);
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((r) => this.#server.close(r));
  }
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e as OpenCtiError,
  );

describe('OpenCtiClient over HTTP', () => {
  const platform = new LoopbackPlatform();
  const elsewhere = new LoopbackPlatform();
  // The deadline is short for the test of an answer that never ends, and long enough for a busy machine otherwise.
  const client = (timeoutMs = 5_000) => new OpenCtiClient({ url: platform.url, token: TOKEN, timeoutMs, maxResponseBytes: 1024 });

  beforeAll(() => Promise.all([platform.start(), elsewhere.start()]));
  afterAll(() => Promise.all([platform.stop(), elsewhere.stop()]));
  beforeEach(() => {
    platform.answer = (_req, res) => res.end(HEALTHY);
    platform.sockets = 0;
    platform.requests = [];
    elsewhere.requests = [];
  });

  it('sends consecutive operations over one kept-alive socket', async () => {
    const opencti = client();
    for (let i = 0; i < 5; i++) expect(await opencti.health()).toBe('6.9.17');
    expect(platform.requests).toHaveLength(5);
    expect(platform.sockets).toBe(1);
  });

  it('posts JSON with the bearer token', async () => {
    await client().health();
    expect(platform.requests[0]).toMatchObject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    });
  });

  it('gives up, retryably, on a platform that starts an answer and never finishes it', async () => {
    platform.answer = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"data":');
    };
    const started = Date.now();
    const error = await failure(client(300).health());
    expect(error).toBeInstanceOf(OpenCtiError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringContaining('ETIMEDOUT no answer within 300 ms') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    ['announced in Content-Length', (res: ServerResponse) => res.end('x'.repeat(1025))],
    ['streamed without a length', (res: ServerResponse) => [0, 1, 2].forEach((i) => (i < 2 ? res.write('x'.repeat(600)) : res.end()))],
  ])('refuses an answer over the size cap (%s), without retrying', async (_how, answer) => {
    platform.answer = (_req, res) => answer(res);
    const error = await failure(client().health());
    expect(error).toBeInstanceOf(OpenCtiError);
    expect(error).toMatchObject({ retryable: false, message: 'OpenCTI answered health check with an answer over 1024 bytes' });
  });

  it('says that an answer is not JSON, retryably (a proxy page in front of the platform)', async () => {
    platform.answer = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    };
    const error = await failure(client().health());
    expect(error).toBeInstanceOf(OpenCtiError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringMatching(/health check with a body that is not JSON: <html>/) });
  });

  it('does not follow a redirect, so the token never goes to another host', async () => {
    platform.answer = (_req, res) => {
      res.writeHead(302, { Location: `${elsewhere.url}/graphql` });
      res.end();
    };
    const error = await failure(client().health());
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining('answered HTTP 302 to health check') });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('keeps the token out of every transport error', async () => {
    const errors = [
      await failure(new OpenCtiClient({ url: 'http://127.0.0.1:1', token: TOKEN }).health()),
      await failure(new OpenCtiClient({ url: 'https://127.0.0.1:1', token: TOKEN }).health()),
    ];
    platform.answer = (req) => req.socket.destroy();
    errors.push(await failure(client().health()));
    for (const error of errors) {
      expect(error).toMatchObject({ retryable: true, message: expect.stringContaining('is unreachable for health check') });
      expect(JSON.stringify({ message: error.message, stack: error.stack, cause: String(error.cause) })).not.toContain(TOKEN);
    }
  });
});

describe('OpenCtiClient.downloadFile (an Artifact sample in the platform storage)', () => {
  const platform = new LoopbackPlatform();
  const URI = '/storage/get/import/Artifact/4e2a/sample.exe';

  beforeAll(() => platform.start());
  afterAll(() => platform.stop());
  beforeEach(() => (platform.requests = []));

  const serve = (status: number, body: Buffer | string) =>
    (platform.answer = (_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/octet-stream' });
      res.end(body);
    });

  it('GETs the storage path under OPENCTI_URL (with its path prefix) with the bearer token, and returns the bytes', async () => {
    const bytes = Buffer.from([0x4d, 0x5a, 0x00, 0xff, 0x90]);
    serve(200, bytes);
    const opencti = new OpenCtiClient({ url: `${platform.url}/opencti`, token: TOKEN });
    expect(await opencti.downloadFile(URI, 1024)).toEqual(bytes);
    expect(platform.requests[0]).toMatchObject({ method: 'GET', url: `/opencti${URI}`, headers: { authorization: `Bearer ${TOKEN}` } });
  });

  it('gives undefined for a file the platform does not have, and a clear refusal for a token it refuses', async () => {
    const opencti = new OpenCtiClient({ url: platform.url, token: TOKEN });
    serve(404, 'not found');
    expect(await opencti.downloadFile(URI, 1024)).toBeUndefined();
    serve(403, 'forbidden');
    expect(await failure(opencti.downloadFile(URI, 1024))).toMatchObject({
      retryable: false,
      message: expect.stringContaining('check OPENCTI_TOKEN'),
    });
    serve(503, 'later');
    expect(await failure(opencti.downloadFile(URI, 1024))).toMatchObject({ retryable: true });
  });

  it('stops reading a file over the size the caller takes', async () => {
    serve(200, Buffer.alloc(2048));
    const error = await failure(new OpenCtiClient({ url: platform.url, token: TOKEN }).downloadFile(URI, 1024));
    expect(error).toBeInstanceOf(OpenCtiFileTooLargeError);
    expect(error).toMatchObject({ retryable: false });
  });

  it.each([
    ['another host', 'http://elsewhere.example/storage/get/x'],
    ['a protocol-relative URL', '//elsewhere.example/storage/get/x'],
    ['another platform path', '/graphql'],
    ['a path that climbs out of storage', '/storage/get/../../graphql'],
    ['a query', '/storage/get/x?y=1'],
    ['an encoded climb', '/storage/get/%2E%2E/%2e%2e/graphql'],
  ])('refuses %s, without sending the token anywhere', async (_what, uri) => {
    const error = await failure(new OpenCtiClient({ url: platform.url, token: TOKEN }).downloadFile(uri, 1024));
    expect(error).toMatchObject({ retryable: false, message: expect.stringContaining("not a file of the platform's storage") });
    expect(platform.requests).toHaveLength(0);
  });
});

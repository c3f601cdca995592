import axios from 'axios';
import { RecordedVendor, type Exchange } from '../../local/stand-in/recorded-vendor';

const CHECK: Exchange = {
  request: { method: 'GET', path: '/api/v2/check', query: { ipAddress: '192.0.2.1' } },
  response: { status: 200, headers: { 'x-ratelimit-remaining': '99' }, body: { data: { ipAddress: '192.0.2.1' } } },
};

describe('RecordedVendor (the replay of recorded vendor answers, for the fixture tests and the demo)', () => {
  let vendor: RecordedVendor;
  const get = (path: string) => axios.get(`${vendor.url}${path}`, { validateStatus: () => true, proxy: false });

  beforeEach(async () => {
    vendor = await RecordedVendor.start([CHECK]);
  });
  afterEach(() => vendor.close());

  it('answers the same method, path and query with the recorded status, headers and body', async () => {
    const answer = await get('/api/v2/check?ipAddress=192.0.2.1');
    expect(answer.status).toBe(200);
    expect(answer.headers['x-ratelimit-remaining']).toBe('99');
    expect(answer.data).toEqual({ data: { ipAddress: '192.0.2.1' } });
    expect(vendor.received).toEqual([expect.objectContaining({ method: 'GET', path: '/api/v2/check', exchange: CHECK })]);
  });

  it.each([
    ['a path that only ends like the recorded one', '/v9/api/v2/check?ipAddress=192.0.2.1'],
    ['a query parameter more than recorded', '/api/v2/check?ipAddress=192.0.2.1&verbose=1'],
    ['a query parameter less than recorded', '/api/v2/check'],
    ['another query value', '/api/v2/check?ipAddress=192.0.2.2'],
  ])('answers 501 to %s, and records it as unanswered', async (_what, path) => {
    const answer = await get(path);
    expect(answer.status).toBe(501);
    expect(answer.data.error).toMatch(/^no recorded exchange for GET \//);
    expect(vendor.received.map((r) => r.exchange)).toEqual([undefined]);
  });

  it('names the query parameters of an unrecorded request, never their values (a query can carry an API key)', async () => {
    const answer = await get('/lookup?token=secret-token-value&ip=192.0.2.1');
    expect(answer.data.error).toBe('no recorded exchange for GET /lookup with query parameters token, ip');
  });

  it('replays another recording after use(), through the same address', async () => {
    vendor.use([{ request: { method: 'GET', path: '/other' }, response: { status: 404, body: 'not found' } }]);
    expect((await get('/other')).status).toBe(404);
    expect((await get('/api/v2/check?ipAddress=192.0.2.1')).status).toBe(501);
  });

  it('answers a request with a recorded body only when the body is the same', async () => {
    const SUBMIT: Exchange = {
      request: { method: 'POST', path: '/urls', body: 'url=https%3A%2F%2Fexample.com%2F' },
      response: { status: 200, body: { data: { id: 'u-1' } } },
    };
    vendor.use([SUBMIT]);
    const post = (body: string) =>
      axios.post(`${vendor.url}/urls`, body, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        validateStatus: () => true,
        proxy: false,
      });
    expect((await post('url=https%3A%2F%2Fexample.org%2F')).status).toBe(501);
    expect((await post('url=https%3A%2F%2Fexample.com%2F')).data).toEqual({ data: { id: 'u-1' } });
    expect(vendor.received.map((r) => [r.body, r.exchange])).toEqual([
      ['url=https%3A%2F%2Fexample.org%2F', undefined],
      ['url=https%3A%2F%2Fexample.com%2F', SUBMIT],
    ]);
  });

  it('keeps the service base path in the base URL it gives, without a trailing slash', () => {
    expect(vendor.baseUrlFor('https://api.abuseipdb.com/api/v2/')).toBe(`${vendor.url}/api/v2`);
    expect(vendor.baseUrlFor('https://ipinfo.io')).toBe(vendor.url);
  });
});

import axios, { isAxiosError } from 'axios';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as z from 'zod';
import {
  artifactContent,
  cveOf,
  domainNameOf,
  getJson,
  hashesOf,
  httpFailureOf,
  ipAddressOf,
  NonRetryableError,
  parseVendorAnswer,
  SkipError,
  vendorPath,
  type LookupContext,
  OPENCTI_EXTENSION_ID,
  type StixObject,
} from '../../shared/service-kit';
import { OpenCtiFileTooLargeError } from '../../shared/opencti/errors';

const entity = (fields: Record<string, unknown>): StixObject => ({ type: 'ipv4-addr', id: 'ipv4-addr--x', ...fields });

describe('ipAddressOf', () => {
  it.each([
    ['8.8.8.8', '8.8.8.8'],
    [' 198.51.100.23 ', '198.51.100.23'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
  ])('reads %j as %j', (value, canonical) => {
    expect(ipAddressOf(entity({ value }))).toBe(canonical);
  });

  it.each(['fe80::1%eth0', 'fe80::1%25eth0', '192.0.2.1%', '198.51.100.0/24', 'example.com', '010.1.1.1', '', undefined, 42])(
    'skips %j: not an address a vendor can look up',
    (value) => {
      expect(() => ipAddressOf(entity({ value }))).toThrow(SkipError);
      expect(() => ipAddressOf(entity({ value }))).toThrow(/is not an IP address/);
    },
  );
});

describe('domainNameOf', () => {
  it.each([
    ['example.com', 'example.com'],
    [' WWW.Example.COM. ', 'www.example.com'],
    ['_dmarc.example.com', '_dmarc.example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['localhost', 'localhost'],
  ])('reads %j as %j', (value, canonical) => {
    expect(domainNameOf(entity({ type: 'domain-name', value }))).toBe(canonical);
  });

  it.each([
    ['an empty value', ''],
    ['a space', 'exa mple.com'],
    ['an empty label', 'a..b'],
    ['a wildcard', '*.example.com'],
    ['an IP address', '192.0.2.1'],
    ['a label over 63 characters', `${'a'.repeat(64)}.com`],
    ['a name over 253 characters', `${'a.'.repeat(127)}com`],
    ['no value', undefined],
  ])('skips %s: not a domain name', (_why, value) => {
    expect(() => domainNameOf(entity({ type: 'domain-name', value }))).toThrow(SkipError);
  });
});

describe('cveOf', () => {
  it('reads the CVE id in the name, in upper case', () => {
    expect(cveOf(entity({ type: 'vulnerability', name: ' cve-2021-44228 ' }))).toBe('CVE-2021-44228');
    expect(cveOf(entity({ type: 'vulnerability', name: 'CVE-2024-123456' }))).toBe('CVE-2024-123456');
  });

  it.each(['GHSA-jfh8-c2jp-5v3q', 'CVE-21-44228', 'CVE-2021-44228 and more', ''])('skips a vulnerability named %j', (name) => {
    expect(() => cveOf(entity({ type: 'vulnerability', name }))).toThrow(SkipError);
  });
});

describe('hashesOf', () => {
  const md5 = 'D41D8CD98F00B204E9800998ECF8427E';
  const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
  const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

  it('normalises the names to MD5, SHA-1, SHA-256 and the values to lower-case hex', () => {
    const file = entity({ type: 'file', hashes: { md5, SHA1: ` ${sha1} `, sha_256: sha256, 'SHA-512': 'f'.repeat(128), SSDEEP: '3:a:b' } });
    expect(hashesOf(file)).toEqual({ MD5: md5.toLowerCase(), 'SHA-1': sha1, 'SHA-256': sha256 });
  });

  it('leaves out a value that is not hex of the length its name says', () => {
    expect(hashesOf(entity({ type: 'artifact', hashes: { MD5: sha1, 'SHA-1': `${sha1.slice(0, 39)}g`, 'SHA-256': sha256 } }))).toEqual({
      'SHA-256': sha256,
    });
  });

  it.each([
    ['no hashes', {}],
    ['empty hashes', { hashes: {} }],
    ['only free text', { hashes: { MD5: 'not a hash' } }],
    ['only a SHA-512', { hashes: { 'SHA-512': 'f'.repeat(128) } }],
    ['hashes that are not a mapping', { hashes: 'x' }],
  ])('skips a file with %s', (_why, fields) => {
    expect(() => hashesOf(entity({ type: 'file', name: 'a.exe', ...fields }))).toThrow(
      /this file has no usable MD5, SHA-1 or SHA-256 hash/,
    );
  });
});

describe('parseVendorAnswer', () => {
  const schema = z.object({ score: z.string().transform(Number), tags: z.array(z.string()) });

  it('returns the answer as the schema reads it, transforms applied', () => {
    expect(parseVendorAnswer(schema, { score: '0.5', tags: [], extra: true }, 'GET /x')).toEqual({ score: 0.5, tags: [] });
  });

  it('throws a non-retryable error naming the request and the fields that did not match', () => {
    const failure = (() => {
      try {
        parseVendorAnswer(schema, { score: 1 }, 'GET /lookup/8.8.8.8');
      } catch (error) {
        return error as NonRetryableError;
      }
    })();
    expect(failure).toBeInstanceOf(NonRetryableError);
    expect(failure?.retryable).toBe(false);
    expect(failure?.message).toMatch(/^unexpected answer from GET \/lookup\/8\.8\.8\.8: /);
    expect(failure?.message).toContain('score');
    expect(failure?.message).toContain('tags');
  });
});

describe('getJson', () => {
  const received: Array<{ url: string; accept?: string; key?: string }> = [];
  let server: Server;
  let ctx: LookupContext;
  const schema = z.object({ ip: z.string() });

  beforeAll(async () => {
    server = createServer((req, res) => {
      received.push({ url: req.url ?? '', accept: req.headers.accept, key: req.headers['x-key'] as string | undefined });
      if (req.url?.startsWith('/known')) res.writeHead(200, { 'content-type': 'application/json' }).end('{"ip":"192.0.2.1"}');
      else if (req.url?.startsWith('/garbage')) res.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy</html>');
      else if (req.url?.startsWith('/limited'))
        res.writeHead(429, { 'Retry-After': '120', 'X-Quota': 'daily', 'content-type': 'application/json' }).end('{"error":"daily quota"}');
      else res.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"No information available"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ctx = {
      http: axios.create({ baseURL: baseUrl, proxy: false }),
      baseUrl,
      entity: entity({ value: '192.0.2.1' }),
      entityType: 'IPv4-Addr',
      options: {},
    };
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('asks for JSON with the given parameters and headers, and returns the checked answer', async () => {
    expect(await getJson(ctx, '/known', schema, { params: { ip: '192.0.2.1', skipped: undefined }, headers: { 'X-Key': 'k' } })).toEqual({
      ip: '192.0.2.1',
    });
    expect(received.at(-1)).toEqual({ url: '/known?ip=192.0.2.1', accept: 'application/json', key: 'k' });
  });

  it('sends a value built into the path with vendorPath as one segment, never a query or another path', async () => {
    await getJson(ctx, vendorPath`/known/${'a/../b?key=x#y %'}/json`, schema);
    expect(received.at(-1)?.url).toBe('/known/a%2F..%2Fb%3Fkey%3Dx%23y%20%25/json');
  });

  it('resolves a 404 to undefined (no data) when asked to', async () => {
    await expect(getJson(ctx, '/unseen', schema, { notFoundIsNoData: true })).resolves.toBeUndefined();
  });

  it('lets a 404 through as an HTTP failure otherwise', async () => {
    const error = await getJson(ctx, '/unseen', schema).catch((e: unknown) => e);
    expect(isAxiosError(error) && error.response?.status).toBe(404);
  });

  it('throws a non-retryable error naming GET and the path for an answer of another shape', async () => {
    await expect(getJson(ctx, '/garbage', schema, { notFoundIsNoData: true })).rejects.toThrow(
      expect.objectContaining({ name: 'NonRetryableError', message: expect.stringMatching(/^unexpected answer from GET \/garbage: /) }),
    );
  });

  it('hands a classifyError hook the status, headers and body of a failure', async () => {
    const failure = httpFailureOf(await getJson(ctx, '/limited', schema).catch((e: unknown) => e));
    expect(failure?.status).toBe(429);
    expect([failure?.header('Retry-After'), failure?.header('x-quota'), failure?.header('x-missing')]).toEqual(['120', 'daily', undefined]);
    expect(failure?.body).toEqual({ error: 'daily quota' });
    expect(httpFailureOf(new Error('not HTTP'))).toBeUndefined();
  });
});

describe('artifactContent', () => {
  const URI = '/storage/get/import/Artifact/abc/sample.bin';
  const stored = (files: unknown[]) => ({
    type: 'artifact',
    id: 'artifact--x',
    mime_type: 'application/x-dosexec',
    extensions: { [OPENCTI_EXTENSION_ID]: { files } },
  });
  const ctx = (fields: Partial<LookupContext<unknown>>, entityType = 'Artifact'): LookupContext<unknown> =>
    ({ entityType, entity: stored([]), options: {}, ...fields }) as LookupContext<unknown>;
  const limit = { maxBytes: 16, vendor: 'Sandbox' };
  const downloads: string[] = [];
  const platform = (files: Record<string, Buffer>) => async (uri: string, maxBytes: number) => {
    downloads.push(uri);
    const content = files[uri];
    if (content && content.length > maxBytes) throw new OpenCtiFileTooLargeError(uri, maxBytes);
    return content;
  };
  beforeEach(() => (downloads.length = 0));

  it('takes the payload_bin an Artifact carries, without asking the platform', async () => {
    const entity = { type: 'artifact', id: 'artifact--x', payload_bin: Buffer.from('MZ payload').toString('base64'), mime_type: 'x/y' };
    expect(await artifactContent(ctx({ entity, openctiFile: platform({}) }), limit)).toEqual({
      content: Buffer.from('MZ payload'),
      mimeType: 'x/y',
    });
    expect(downloads).toEqual([]);
  });

  it('downloads the first stored file of the platform STIX form otherwise, with its name and type', async () => {
    const entity = stored([
      { name: 'not-stored', uri: 'unknown' },
      { name: 'sample.bin', uri: URI, mime_type: 'application/octet-stream' },
    ]);
    const content = await artifactContent(ctx({ entity, openctiFile: platform({ [URI]: Buffer.from('MZ stored') }) }), limit);
    expect(content).toEqual({ content: Buffer.from('MZ stored'), name: 'sample.bin', mimeType: 'application/octet-stream' });
    expect(downloads).toEqual([URI]);
  });

  it('reads the older x_opencti_files list too', async () => {
    const entity = { type: 'artifact', id: 'artifact--x', x_opencti_files: [{ name: 'old.bin', uri: URI }] };
    expect((await artifactContent(ctx({ entity, openctiFile: platform({ [URI]: Buffer.from('MZ') }) }), limit))?.name).toBe('old.bin');
  });

  it('gives undefined with nothing to upload: no file, a file the platform lost, another entity type, no platform', async () => {
    expect(await artifactContent(ctx({ openctiFile: platform({}) }), limit)).toBeUndefined();
    expect(await artifactContent(ctx({ entity: stored([{ uri: URI }]), openctiFile: platform({}) }), limit)).toBeUndefined();
    expect(
      await artifactContent(
        ctx({ entity: stored([{ uri: URI }]), openctiFile: platform({ [URI]: Buffer.from('MZ') }) }, 'StixFile'),
        limit,
      ),
    ).toBeUndefined();
    expect(await artifactContent(ctx({ entity: stored([{ uri: URI }]) }), limit)).toBeUndefined();
  });

  it.each([
    ['carried', { type: 'artifact', id: 'artifact--x', payload_bin: Buffer.alloc(17).toString('base64') }, {}],
    ['stored', stored([{ uri: URI }]), { [URI]: Buffer.alloc(17) }],
  ])('ends the record, naming the vendor limit, for a %s file over it', async (_how, entity, files) => {
    const error = await artifactContent(ctx({ entity, openctiFile: platform(files) }), limit).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonRetryableError);
    expect((error as Error).message).toBe('the artifact is larger than the 16 bytes Sandbox takes for analysis');
  });
});

describe('vendorPath', () => {
  it('keeps the template and encodes each value as one path segment, colons of IPv6 addresses kept', () => {
    expect(vendorPath`/v3/ip/${'2001:db8::1'}/json/`).toBe('/v3/ip/2001:db8::1/json/');
    expect(vendorPath`/report/${'a/b'}/state/${7}`).toBe('/report/a%2Fb/state/7');
    expect(vendorPath`/x/${'fe80::1%eth0'}`).toBe('/x/fe80::1%25eth0');
    expect(vendorPath`/x/${'q?token=1#f'}`).toBe('/x/q%3Ftoken%3D1%23f');
  });

  it.each(['', '.', '..'])('refuses %j, which would change the path itself', (value) => {
    expect(() => vendorPath`/files/${value}`).toThrow(NonRetryableError);
  });
});

import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { isBuiltin } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { buildSync, type Metafile } from 'esbuild';
import { AMQPLIB_SHIM, esbuildOptions } from '../../infra/bundling';
import { REPO_ROOT } from '../../infra/paths';
import { chunksHolding, indexOf, staticClosure } from '../helpers/bundle-outputs';

// Inside the project, as the bench builds them: the external `@aws-sdk/*` resolve from node_modules.
const OUT = join(REPO_ROOT, 'bench-results', `bundling-test-${process.pid}`);

function build(entry: string, outdir: string, amqp = false): Metafile {
  return buildSync({ ...esbuildOptions(entry, outdir, { amqp }), absWorkingDir: REPO_ROOT, metafile: true, logLevel: 'error' }).metafile;
}

/** Inputs of the output files loaded with `index.mjs`. */
function loadedAtImport(metafile: Metafile): string[] {
  return staticClosure(metafile.outputs, [indexOf(metafile.outputs)]).flatMap((file) => Object.keys(metafile.outputs[file]!.inputs));
}

/** Packages the output files `files` import statically but leave out of the bundle. */
const staticExternals = (metafile: Metafile, files: string[]) =>
  files.flatMap((file) => metafile.outputs[file]!.imports.filter((i) => i.external && i.kind === 'import-statement').map((i) => i.path));

const amqplibInputs = (metafile: Metafile) => Object.keys(metafile.inputs).filter((input) => input.includes('node_modules/amqplib/'));

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('function bundles (infra/bundling.ts)', () => {
  let metafile: Metafile;
  beforeAll(() => {
    metafile = build(join(REPO_ROOT, 'functions/shodan-internetdb/handler.ts'), join(OUT, 'shodan-internetdb'));
  }, 120_000);

  it('leave the AWS SDK, and nothing else but Node built-ins, to the runtime', () => {
    expect(Object.keys(metafile.inputs).filter((input) => input.includes('node_modules/@aws-sdk/'))).toEqual([]);
    const external = Object.values(metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    const packages = [...new Set(external.filter((path) => !isBuiltin(path)))].sort();
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.filter((path) => !path.startsWith('@aws-sdk/'))).toEqual([]);
    // The SDK modules the pipeline uses, and only them.
    expect(packages).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/client-secrets-manager', '@aws-sdk/client-sqs']);
  });

  it('load no SDK client at import nor with the runtime wiring: each is imported when first needed', () => {
    const wiring = chunksHolding(metafile.outputs, 'shared/pipeline/runtime.ts');
    expect(wiring).toHaveLength(1);
    expect(
      staticExternals(metafile, staticClosure(metafile.outputs, [indexOf(metafile.outputs), ...wiring])).filter((path) => !isBuiltin(path)),
    ).toEqual([]);
  });

  it('carry neither form-data (and mime-db) nor follow-redirects', () => {
    const packages = Object.keys(metafile.inputs).filter((input) =>
      /node_modules\/(form-data|mime-db|mime-types|follow-redirects)\//.test(input),
    );
    expect(packages).toEqual([]);
  });

  it('carry no amqplib when the connector publishes over the API, only its shim in a chunk of its own', () => {
    expect(amqplibInputs(metafile)).toEqual([]);
    const shim = relative(REPO_ROOT, AMQPLIB_SHIM);
    expect(Object.keys(metafile.inputs)).toContain(shim);
    expect(loadedAtImport(metafile)).not.toContain(shim);
  });

  it('import in a fresh Node process and export the handler', async () => {
    const script = `const m = await import(${JSON.stringify(join(OUT, 'shodan-internetdb', 'index.mjs'))}); console.log(typeof m.handler);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, AWS_REGION: 'us-east-1' },
    });
    expect(stdout.trim()).toBe('function');
  }, 60_000);
});

describe('bridge function bundles', () => {
  it.each([
    // Every callback request is sent to SQS; S3 (claim checks) and Secrets Manager (tokens) load when first needed.
    ['functions/bridge/callback-handler.ts', ['@aws-sdk/client-sqs']],
    ['functions/bridge/heartbeat-handler.ts', []],
  ])(
    '%s loads at import only the SDK clients every invocation uses',
    (entry, expected) => {
      const metafile = build(join(REPO_ROOT, entry), join(OUT, `static-${entry.replace(/\W/g, '-')}`));
      const atImport = staticClosure(metafile.outputs, [indexOf(metafile.outputs)]);
      expect([...new Set(staticExternals(metafile, atImport).filter((path) => !isBuiltin(path)))]).toEqual(expected);
    },
    120_000,
  );
});

describe('amqplib in function bundles', () => {
  it('is bundled for queueProtocol amqp, in a chunk of its own loaded only when asked to', () => {
    const metafile = build(join(REPO_ROOT, 'functions/shodan-internetdb/handler.ts'), join(OUT, 'shodan-internetdb-amqp'), true);
    expect(amqplibInputs(metafile).length).toBeGreaterThan(0);
    expect(loadedAtImport(metafile).filter((input) => input.includes('node_modules/amqplib/'))).toEqual([]);
    expect(Object.keys(metafile.inputs)).not.toContain(relative(REPO_ROOT, AMQPLIB_SHIM));
  }, 120_000);

  it.each(['functions/bridge/callback-handler.ts', 'functions/bridge/heartbeat-handler.ts'])(
    'is not imported by %s at all, shim or not',
    (entry) => {
      const metafile = build(join(REPO_ROOT, entry), join(OUT, entry.replace(/\W/g, '-')), true);
      expect(amqplibInputs(metafile)).toEqual([]);
    },
    120_000,
  );

  it('is replaced by a shim whose connect names queueProtocol', async () => {
    const dir = join(OUT, 'amqp-shim');
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, `export { defaultAmqpConnect } from ${JSON.stringify(join(REPO_ROOT, 'shared/rabbitmq/connection.ts'))};\n`);
    build(entry, dir);
    const script = [
      `const { defaultAmqpConnect } = await import(${JSON.stringify(join(dir, 'index.mjs'))});`,
      "await defaultAmqpConnect({ hostname: '127.0.0.1' }).then(() => console.log('connected'), (e) => console.log(e.message));",
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    expect(stdout.trim()).toMatch(/deployed with `queueProtocol: api`.*set `queueProtocol: amqp` for the connector in the deployment file/);
  }, 60_000);
});

describe('vendor HTTP as bundled (axios without form-data and follow-redirects)', () => {
  let server: Server;
  let url: string;
  const received: Array<{ url: string; contentType: string; body: string }> = [];
  let script: string;

  beforeAll(async () => {
    const dir = join(OUT, 'vendor-http');
    mkdirSync(dir, { recursive: true });
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, `export { createVendorHttp } from ${JSON.stringify(join(REPO_ROOT, 'shared/pipeline/vendor-http.ts'))};\n`);
    build(entry, dir);
    server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ url: req.url!, contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8') });
        if (req.url === '/moved') res.writeHead(302, { Location: '/elsewhere' }).end();
        else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    script = [
      `const { createVendorHttp } = await import(${JSON.stringify(join(dir, 'index.mjs'))});`,
      `const http = createVendorHttp({ baseUrl: ${JSON.stringify(url)}, timeoutMs: 10000 });`,
      'const outcome = (p) => p.then((r) => r.data, (e) => ({ error: e.message, status: e.response?.status }));',
      'const form = new FormData(); form.append("file", new Blob([Buffer.from("content")]), "a.bin"); form.append("environment_id", "160");',
      'const native = await outcome(http.post("/native", form));',
      'const object = await outcome(http.post("/object", { name: "x", file: Buffer.from("bytes") }, { headers: { "Content-Type": "multipart/form-data" } }));',
      'const moved = await outcome(http.get("/moved"));',
      'const follow = await outcome(http.get("/moved", { maxRedirects: 5 }));',
      'console.log(JSON.stringify({ native, object, moved, follow }));',
    ].join('\n');
  }, 120_000);
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends multipart bodies, takes no redirect and follows none', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result.native).toEqual({ ok: true });
    expect(result.object).toEqual({ ok: true });
    // A 3xx is an unexpected answer, not a hop; asking for redirects fails rather than follows.
    expect(result.moved).toEqual(expect.objectContaining({ status: 302 }));
    expect(result.follow.error).toMatch(/redirects are not followed/);
    expect(received.map((r) => r.url)).toEqual(['/native', '/object', '/moved']);

    const [native, object] = received;
    expect(native!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(native!.body).toContain('name="file"; filename="a.bin"');
    expect(native!.body).toContain('content');
    expect(native!.body).toMatch(/name="environment_id"\r\n\r\n160/);
    expect(object!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(object!.body).toMatch(/name="name"\r\n\r\nx/);
    expect(object!.body).toContain('bytes');
  }, 60_000);
});

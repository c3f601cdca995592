import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICES } from '../../functions/services';
import { ConfigError } from '../../shared/config';
import { loadLocalStart } from '../../local/start-settings';

const REPO = resolve(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'local-start-'));
const TOKEN = 'token-of-the-connector-user';
/** One connector, seed style, as README's quick start runs it. */
const seed = {
  CONFIG_FILE: join(dir, 'none.yml'),
  CONNECTOR_SERVICE: 'shodan-internetdb',
  OPENCTI_URL: 'http://127.0.0.1:8080',
  OPENCTI_TOKEN: TOKEN,
  CONNECTOR_ID: '2f0d6c3a-6a53-4c3e-9c55-7e3c1f1b2a01',
  CONNECTOR_NAME: 'Shodan InternetDB',
  CONNECTOR_SCOPE: 'IPv4-Addr',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadLocalStart(env, SERVICES);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.expected}`);
    throw error;
  }
  throw new Error('the settings were accepted');
}

describe('loadLocalStart', () => {
  it('reads the bridge, state and pipeline settings of npm start, with their defaults', () => {
    const { settings, connectors } = loadLocalStart(
      { ...seed, BRIDGE_HEALTH_PORT: '0', LOCAL_STATS_INTERVAL_MS: '500', MQ_PORT: '5673', PIPELINE_RETRY_BASE_SECONDS: '1' },
      SERVICES,
    );
    expect(settings).toMatchObject({
      httpPort: 0,
      statsIntervalMs: 500,
      mq: { port: 5673 },
      pipeline: { retryBaseSeconds: 1, maxReceives: 5 },
    });
    expect(connectors.map((c) => c.maxReceives)).toEqual([5]);
  });

  it('stops on a bad PIPELINE_MAX_RECEIVES instead of running with 5', () => {
    expect(problemsOf({ ...seed, PIPELINE_MAX_RECEIVES: 'abc' })).toEqual([
      `PIPELINE_MAX_RECEIVES: expected an integer from 1 to 1000 (the queue's maxReceiveCount), got "abc"`,
    ]);
  });

  it('names bad start settings and bad connector settings in one error', () => {
    expect(
      problemsOf({ ...seed, BRIDGE_HEALTH_PORT: 'http', PIPELINE_CONCURRENCY: '0', CONNECTOR_SCOPE: '' }).map((p) => p.split(':')[0]),
    ).toEqual(['BRIDGE_HEALTH_PORT', 'PIPELINE_CONCURRENCY', 'CONNECTOR_SCOPE']);
  });

  it("names the entry of a connectors file whose own queue setting is bad; a good one wins over the environment's", () => {
    const path = join(dir, 'connectors.yml');
    const entry = (id: string, maxReceives: string) =>
      `  - { service: google-dns, id: '${id}', name: DNS ${id.slice(-1)}, scope: Domain-Name, token: t-123456, max_receives: ${maxReceives} }`;
    writeFileSync(path, `opencti: { url: 'http://opencti:8080' }\nconnectors:\n${entry('2f0d6c3a-6a53-4c3e-9c55-7e3c1f1b2a01', 'many')}\n`);
    expect(problemsOf({ CONNECTORS_FILE: path })).toEqual([
      `connectors[0] (DNS 1): connector.max_receives: expected an integer from 1 to 1000 (the queue's maxReceiveCount), got "many"`,
    ]);
    writeFileSync(path, `opencti: { url: 'http://opencti:8080' }\nconnectors:\n${entry('2f0d6c3a-6a53-4c3e-9c55-7e3c1f1b2a02', '2')}\n`);
    expect(loadLocalStart({ CONNECTORS_FILE: path, PIPELINE_MAX_RECEIVES: '7' }, SERVICES).connectors[0]!.maxReceives).toBe(2);
  });
});

describe('npm start', () => {
  it('exits non-zero with a message naming PIPELINE_MAX_RECEIVES, and nothing else runs', async () => {
    const child = spawn('npm', ['start', '--silent'], {
      cwd: REPO,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...seed, PIPELINE_MAX_RECEIVES: 'abc' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((done) => child.on('close', done));

    expect(code).not.toBe(0);
    expect(output).toContain('PIPELINE_MAX_RECEIVES: expected an integer from 1 to 1000');
    expect(output).not.toContain(TOKEN);
    expect(output).not.toMatch(/Running \d+ connector/);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  envSource,
  loadFunctionSettings,
  loadPipelineSettings,
  readMqSettings,
  readYamlFile,
  type ConfigProblem,
  type ServiceSettingsSpec,
} from '../../shared/config';

/** The message of the ConfigError `fn` throws. */
function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadPipelineSettings', () => {
  it('applies the defaults when no PIPELINE_* variable is set (an empty one counts as unset)', () => {
    expect(loadPipelineSettings({ PIPELINE_MAX_RECEIVES: '' })).toEqual({
      maxReceives: 5,
      retryBaseSeconds: 30,
      retryMaxSeconds: 900,
      vendorTimeoutMs: 10_000,
      openctiTimeoutMs: 30_000,
      batchSize: 10,
      concurrency: 5,
      visibilityTimeout: 180,
    });
  });

  it('reads every variable that is set', () => {
    const settings = loadPipelineSettings({
      PIPELINE_MAX_RECEIVES: '3',
      PIPELINE_RETRY_BASE_SECONDS: '1',
      PIPELINE_RETRY_MAX_SECONDS: '2',
      PIPELINE_VENDOR_TIMEOUT_MS: '2500',
      PIPELINE_OPENCTI_TIMEOUT_MS: '4000',
      PIPELINE_BATCH_SIZE: '25',
      PIPELINE_CONCURRENCY: '2',
      PIPELINE_VISIBILITY_TIMEOUT: '60',
    });
    expect(settings).toEqual({
      maxReceives: 3,
      retryBaseSeconds: 1,
      retryMaxSeconds: 2,
      vendorTimeoutMs: 2500,
      openctiTimeoutMs: 4000,
      batchSize: 10,
      concurrency: 2,
      visibilityTimeout: 60,
    });
  });

  it('names every bad variable and what it expects in one error, instead of falling back to a default', () => {
    const error = configErrorOf(() =>
      loadPipelineSettings({ PIPELINE_MAX_RECEIVES: 'abc', PIPELINE_RETRY_BASE_SECONDS: '0', PIPELINE_VENDOR_TIMEOUT_MS: '2.5' }),
    );
    expect(error.problems).toEqual([
      { variable: 'PIPELINE_MAX_RECEIVES', expected: `expected an integer from 1 to 1000 (the queue's maxReceiveCount), got "abc"` },
      { variable: 'PIPELINE_RETRY_BASE_SECONDS', expected: 'expected a number of seconds from 1 to 43200, got "0"' },
      { variable: 'PIPELINE_VENDOR_TIMEOUT_MS', expected: 'expected a number of milliseconds, at least 1, got "2.5"' },
    ]);
    expect(error.message).toMatch(/^Invalid configuration \(3 problems\):\n {2}- PIPELINE_MAX_RECEIVES: /);
  });
});

describe('readMqSettings', () => {
  const read = (env: Record<string, string>) => {
    const problems: ConfigProblem[] = [];
    return { mq: readMqSettings(envSource(env), problems), problems };
  };

  it('holds only the overrides that are set, so the platform’s own settings fill the rest', () => {
    expect(read({})).toEqual({ mq: {}, problems: [] });
    expect(read({ MQ_HOST: 'rabbitmq', MQ_PORT: '5671', MQ_USE_SSL: 'yes', MQ_PASS: ' pass word ' })).toEqual({
      mq: { host: 'rabbitmq', port: 5671, useSsl: true, pass: { kind: 'value', setting: 'MQ_PASS', value: ' pass word ' } },
      problems: [],
    });
    expect(read({ MQ_PASS_SECRET: 'opencti/rabbitmq' }).mq).toEqual({
      pass: { kind: 'secrets-manager', setting: 'MQ_PASS_SECRET', secretId: 'opencti/rabbitmq' },
    });
  });

  it('names a bad port or flag, and never shows a password', () => {
    const { problems } = read({ MQ_PORT: '0', MQ_USE_SSL: 'sometimes', MQ_PASS: 'hunter2-secret', MQ_PASS_SECRET: 'rabbit' });
    expect(problems.map((p) => `${p.variable}: ${p.expected}`)).toEqual([
      'MQ_PASS: set either MQ_PASS or MQ_PASS_SECRET, not both',
      'MQ_PORT: expected a port number, got "0"',
      'MQ_USE_SSL: expected true or false, got "sometimes"',
    ]);
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });
});

describe('loadFunctionSettings', () => {
  const service: ServiceSettingsSpec = { name: 'first-epss', apiKey: 'none', defaultBaseUrl: 'https://api.first.org/data/v1' };
  const env = {
    OPENCTI_URL: 'http://opencti:8080',
    OPENCTI_TOKEN: 'token-never-shown',
    CONNECTOR_ID: '0b0c8a6e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    CONNECTOR_NAME: 'FIRST EPSS',
    CONNECTOR_SCOPE: 'Vulnerability',
  };

  it("reads a function's connector, pipeline and RabbitMQ settings from its environment", () => {
    const settings = loadFunctionSettings({ ...env, PIPELINE_MAX_RECEIVES: '4', MQ_HOST: 'rabbitmq' }, service);
    expect(settings.config.connector.name).toBe('FIRST EPSS');
    expect(settings.pipeline.maxReceives).toBe(4);
    expect(settings.mq).toEqual({ host: 'rabbitmq' });
  });

  it('reports bad connector and pipeline settings together, without the token', () => {
    const error = configErrorOf(() => loadFunctionSettings({ ...env, CONNECTOR_SCOPE: '', PIPELINE_MAX_RECEIVES: 'abc' }, service));
    expect(error.problems.map((p) => p.variable)).toEqual(['CONNECTOR_SCOPE', 'PIPELINE_MAX_RECEIVES']);
    expect(error.message).not.toContain('token-never-shown');
  });

  it('reads only what the caller did not hand in', () => {
    const pipeline = loadPipelineSettings({});
    expect(loadFunctionSettings({ ...env, PIPELINE_MAX_RECEIVES: 'abc' }, service, { pipeline }).pipeline).toBe(pipeline);
  });
});

describe('readYamlFile', () => {
  it('names the file and where it breaks, without quoting it (it may hold a token)', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'yaml-')), 'config.yml');
    writeFileSync(path, "opencti:\n  token: 'leaky-token\n");
    const error = configErrorOf(() => readYamlFile(path));
    expect(error.problems).toEqual([
      { variable: path, expected: expect.stringMatching(/^expected valid YAML: .* at line \d+, column \d+$/) },
    ]);
    expect(error.message).not.toContain('leaky-token');
  });
});

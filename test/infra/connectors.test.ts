import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { loadBridgeConfig } from '../../functions/bridge';
import { SERVICES } from '../../functions/services';
import { CREATE_REQUIRE_BANNER } from '../../infra/constructs/esm-function';
import { loadFunctionSettings } from '../../shared/config';
import { cacheKey } from '../../shared/quota/cache-key';
import { cacheItemKey, QUOTA_TABLE, quotaItemKey } from '../../shared/quota/dynamo-table';
import { ABUSEIPDB_TOKEN_ARN, ALARM_TOPIC, CONNECTORS_CONFIG, IDS } from './helpers/configs';
import { synthesize, type Synthesized } from './helpers/synth';
import {
  asList,
  connectorResources,
  deployedEnvironment,
  flatten,
  resources,
  resourcesAllowing,
  roleStatements,
  type Props,
} from './helpers/template';

/**
 * What each configured connector must get, defaults applied (defaults: timeout 45 s, 4 receives).
 * Max concurrency: set (shodan), else derived from the rate limit: 2 for the services' daily or
 * per-minute limits, 10 without a limit, 100 for ipinfo's configured 50/s.
 */
const EXPECTED = [
  {
    id: IDS.shodan,
    service: 'shodan-internetdb',
    timeout: 30,
    memory: 256,
    batchSize: 10,
    maxConcurrency: 5,
    maxReceives: 3,
    secrets: ['opencti/shodan/token'],
  },
  {
    id: IDS.abuseipdb,
    service: 'abuseipdb',
    timeout: 45,
    memory: 512,
    batchSize: 5,
    maxConcurrency: 2,
    maxReceives: 4,
    secrets: [ABUSEIPDB_TOKEN_ARN, 'opencti/abuseipdb/api-key'],
  },
  {
    id: IDS.ipinfo,
    service: 'ipinfo',
    timeout: 45,
    memory: 256,
    batchSize: 5,
    maxConcurrency: 100,
    maxReceives: 4,
    secrets: ['opencti/ipinfo/token', 'opencti/ipinfo/api-key'],
  },
  {
    id: IDS.googleDns,
    service: 'google-dns',
    timeout: 120,
    memory: 256,
    batchSize: 5,
    maxConcurrency: 10,
    maxReceives: 4,
    secrets: ['opencti/google-dns/token'],
  },
  {
    id: IDS.firstEpss,
    service: 'first-epss',
    timeout: 45,
    memory: 256,
    batchSize: 5,
    maxConcurrency: 10,
    maxReceives: 4,
    secrets: ['opencti/first-epss/token'],
  },
  {
    id: IDS.virustotal,
    service: 'virustotal',
    timeout: 45,
    memory: 256,
    batchSize: 5,
    maxConcurrency: 2,
    maxReceives: 4,
    secrets: ['opencti/virustotal/token', 'opencti/virustotal/api-key'],
  },
];

/** IAM's StringLike: `*` matches any run of characters, everything else itself. */
const stringLike = (pattern: string, value: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[\\^$.|?+()[\]{}]/g, '\\$&'))
      .join('.*')}$`,
  ).test(value);

/** A secret grant as the user named it: the name behind `name-??????`, or the complete ARN. */
const secretOf = (resource: string): string => resource.match(/:secret:(.+)-\?{6}$/)?.[1] ?? resource;

/** The directory CDK bundled a connector's function into. */
const assetDirOf = (connectorId: string): string =>
  join(synth.assembly.directory, `asset.${String(connectorResources(synth.template, connectorId).fn.Code.S3Key).replace(/\.zip$/, '')}`);

/**
 * Each `.mjs` file of a function's asset: the inputs its source map names (paths as esbuild wrote
 * them) and the chunks it imports, statically (`from"./x.mjs"`, `import"./x.mjs"`) or dynamically.
 */
function assetChunks(dir: string): Map<string, { sources: string[]; staticImports: string[]; dynamicImports: string[] }> {
  const files = readdirSync(dir).filter((file) => file.endsWith('.mjs'));
  return new Map(
    files.map((file) => {
      const code = readFileSync(join(dir, file), 'utf8');
      const { sources } = JSON.parse(readFileSync(join(dir, `${file}.map`), 'utf8')) as { sources: string[] };
      const matches = (pattern: RegExp) => [...code.matchAll(pattern)].map((m) => m[1]!);
      return [
        file,
        {
          sources,
          staticImports: matches(/(?:\bfrom|\bimport)\s*"\.\/([\w-]+\.mjs)"/g),
          dynamicImports: matches(/\bimport\(\s*"\.\/([\w-]+\.mjs)"\s*\)/g),
        },
      ];
    }),
  );
}

let synth: Synthesized;
/** The logical id of the stack's one DynamoDB table. */
const quotaTableId = (): string => Object.keys(synth.template.findResources('AWS::DynamoDB::Table'))[0]!;
beforeAll(() => {
  synth = synthesize(CONNECTORS_CONFIG);
}, 180_000);
afterAll(() => synth?.cleanup());

describe('EnrichmentStack: one connector per configured service', () => {
  it('synthesizes with zero unacknowledged cdk-nag findings and no template validation errors', () => {
    expect(synth.errors).toEqual([]);
  });

  it('creates one function, queue, DLQ and event source mapping per connector', () => {
    const connectorFunctions = Object.values(resources(synth.template, 'AWS::Lambda::Function')).filter(
      (fn) => fn.Environment?.Variables?.CONNECTOR_ID,
    );
    expect(connectorFunctions.map((fn) => fn.Environment.Variables.CONNECTOR_ID).sort()).toEqual(EXPECTED.map((c) => c.id).sort());
    synth.template.resourceCountIs('AWS::SQS::Queue', EXPECTED.length * 2);
    synth.template.resourceCountIs('AWS::Lambda::EventSourceMapping', EXPECTED.length);
    const queueIds = EXPECTED.map((c) => connectorResources(synth.template, c.id)).flatMap((r) => [r.queueId, r.deadLetterQueueId]);
    expect(new Set(queueIds).size).toBe(EXPECTED.length * 2);
  });

  it.each(EXPECTED)('runs $service on Node.js 22 arm64 with memory $memory MB and timeout $timeout s', (c) => {
    const { fn } = connectorResources(synth.template, c.id);
    expect(fn).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: c.memory,
      Timeout: c.timeout,
    });
  });

  it.each(EXPECTED)(
    'consumes the $service queue with ReportBatchItemFailures, batch size $batchSize, max concurrency $maxConcurrency',
    (c) => {
      const { mapping } = connectorResources(synth.template, c.id);
      expect(mapping).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: c.batchSize,
        ScalingConfig: { MaximumConcurrency: c.maxConcurrency },
      });
    },
  );

  it.each(EXPECTED)('gives the $service queue a visibility timeout of at least six times the function timeout', (c) => {
    const { fn, queue } = connectorResources(synth.template, c.id);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Timeout);
  });

  it.each(EXPECTED)('redrives $service messages to its DLQ after $maxReceives receives and keeps them 14 days', (c) => {
    const { queue, deadLetterQueue, fn } = connectorResources(synth.template, c.id);
    expect(queue.RedrivePolicy.maxReceiveCount).toBe(c.maxReceives);
    expect(fn.Environment.Variables.PIPELINE_MAX_RECEIVES).toBe(String(c.maxReceives));
    expect(deadLetterQueue.MessageRetentionPeriod).toBe(14 * 24 * 3600);
  });

  it('encrypts every queue and denies requests without TLS', () => {
    const queues = resources(synth.template, 'AWS::SQS::Queue');
    const policies = Object.values(resources(synth.template, 'AWS::SQS::QueuePolicy'));
    for (const [id, queue] of Object.entries(queues)) {
      expect(queue.SqsManagedSseEnabled).toBe(true);
      const statements = policies
        .filter((p) => p.Queues.some((q: unknown) => flatten(q) === `<${id}>`))
        .flatMap((p) => p.PolicyDocument.Statement);
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it.each(EXPECTED)('lets the $service function read exactly its own secrets', (c) => {
    const statements = roleStatements(synth.template, connectorResources(synth.template, c.id).roleId);
    const secretStatements = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('secretsmanager:')));
    expect(new Set(secretStatements.flatMap((s) => asList(s.Action)))).toEqual(
      new Set(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']),
    );
    expect(resourcesAllowing(statements, 'secretsmanager:GetSecretValue').map(secretOf).sort()).toEqual([...c.secrets].sort());
  });

  it.each(EXPECTED)('lets the $service function send only to its own queue (come-backs)', (c) => {
    const { roleId, queueId } = connectorResources(synth.template, c.id);
    expect(resourcesAllowing(roleStatements(synth.template, roleId), 'sqs:SendMessage')).toEqual([`<${queueId}.Arn>`]);
  });

  it.each(EXPECTED)('lets the $service function read only its own connector claim checks', (c) => {
    const statements = roleStatements(synth.template, connectorResources(synth.template, c.id).roleId);
    expect(resourcesAllowing(statements, 's3:GetObject')).toEqual([
      expect.stringMatching(new RegExp(`^<ClaimCheckBucket\\w+\\.Arn>/claim-check/${c.id}/\\*$`)),
    ]);
    expect(statements.flatMap((s) => asList(s.Action)).filter((a) => a.startsWith('s3:'))).toEqual(['s3:GetObject']);
    // The pipeline itself refuses a pointer to another bucket or prefix.
    const { fn } = connectorResources(synth.template, c.id);
    expect(flatten(fn.Environment.Variables.PIPELINE_CLAIM_CHECK_BUCKET)).toMatch(/^<ClaimCheckBucket\w+>$/);
    expect(fn.Environment.Variables.PIPELINE_CLAIM_CHECK_PREFIX).toBe('claim-check/');
  });

  it('grants no wildcard IAM action anywhere', () => {
    const actions = Object.values(resources(synth.template, 'AWS::IAM::Policy')).flatMap((p) =>
      p.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => asList(s.Action)),
    );
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
  });

  it.each(EXPECTED)('writes the $service logs to its own log group kept 90 days', (c) => {
    const { fn } = connectorResources(synth.template, c.id);
    const logGroupId = flatten(fn.LoggingConfig.LogGroup).slice(1, -1);
    expect(resources(synth.template, 'AWS::Logs::LogGroup')[logGroupId]).toMatchObject({ RetentionInDays: 90 });
  });

  it.each(EXPECTED)('bundles $service as ESM with a createRequire banner and a source map', (c) => {
    const { fn } = connectorResources(synth.template, c.id);
    const assetDir = join(synth.assembly.directory, `asset.${String(fn.Code.S3Key).replace(/\.zip$/, '')}`);
    expect(readFileSync(join(assetDir, 'index.mjs'), 'utf8').startsWith(CREATE_REQUIRE_BANNER)).toBe(true);
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    expect(fn.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it('builds every function from its own entry, each into its own asset', () => {
    const functions = Object.values(resources(synth.template, 'AWS::Lambda::Function'));
    const keys = functions.map((fn) => String(fn.Code.S3Key));
    expect(new Set(keys).size).toBe(functions.length);
    for (const c of EXPECTED) {
      const { sources } = JSON.parse(readFileSync(join(assetDirOf(c.id), 'index.mjs.map'), 'utf8')) as { sources: string[] };
      expect(sources.filter((source) => /functions\/[\w-]+\/handler\.ts$/.test(source))).toEqual([
        expect.stringMatching(new RegExp(`functions/${c.service}/handler\\.ts$`)),
      ]);
    }
  });

  it('ships amqplib only to the connector publishing over AMQP, in a chunk the first invocation does not load', () => {
    const api = assetChunks(assetDirOf(IDS.shodan));
    expect([...api.values()].flatMap((c) => c.sources).filter((source) => source.includes('node_modules/amqplib/'))).toEqual([]);
    expect([...api.values()].some((c) => c.sources.some((source) => source.endsWith('infra/bundle-shims/amqplib.mjs')))).toBe(true);

    const amqp = assetChunks(assetDirOf(IDS.virustotal));
    const withAmqplib = [...amqp].filter(([, c]) => c.sources.some((source) => source.includes('node_modules/amqplib/'))).map(([f]) => f);
    expect(withAmqplib.length).toBeGreaterThan(0);
    const loadedAtImport = new Set<string>();
    const visit = (file: string) => {
      if (loadedAtImport.has(file)) return;
      loadedAtImport.add(file);
      amqp.get(file)!.staticImports.forEach(visit);
    };
    visit('index.mjs');
    expect(withAmqplib.filter((file) => loadedAtImport.has(file))).toEqual([]);
    expect([...amqp.values()].flatMap((c) => c.dynamicImports).filter((file) => withAmqplib.includes(file)).length).toBeGreaterThan(0);
  });

  it('passes each connector its settings in the variables shared/config reads', () => {
    const { fn } = connectorResources(synth.template, IDS.ipinfo);
    const env = deployedEnvironment(synth.template, fn.Environment.Variables);
    expect(env).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      OPENCTI_URL: 'https://opencti.internal.test',
      OPENCTI_TOKEN_SECRET: 'opencti/ipinfo/token',
      OPENCTI_SSL_VERIFY: 'true',
      CONNECTOR_ID: IDS.ipinfo,
      CONNECTOR_TYPE: 'INTERNAL_ENRICHMENT',
      CONNECTOR_NAME: 'IPinfo',
      CONNECTOR_SCOPE: 'IPv4-Addr,IPv6-Addr',
      CONNECTOR_AUTO: 'false',
      CONNECTOR_AUTO_UPDATE: 'false',
      CONNECTOR_ONLY_CONTEXTUAL: 'false',
      CONNECTOR_LOG_LEVEL: 'info',
      CONNECTOR_QUEUE_PROTOCOL: 'api',
      IPINFO_API_KEY_SECRET: 'opencti/ipinfo/api-key',
      IPINFO_MAX_TLP: 'TLP:AMBER',
      IPINFO_BASE_URL: 'https://ipinfo.example.test',
      IPINFO_RATE_LIMIT: '50/s',
      IPINFO_CACHE_TTL: '600',
      PIPELINE_QUOTA_TABLE: `table-${quotaTableId().toLowerCase()}`,
      PIPELINE_MAX_RECEIVES: '4',
      PIPELINE_CLAIM_CHECK_BUCKET: expect.stringMatching(/^[a-z0-9][a-z0-9.-]+$/),
      PIPELINE_CLAIM_CHECK_PREFIX: 'claim-check/',
    });
  });

  it.each(EXPECTED)('gives $service an environment that shared/config accepts', (c) => {
    const { fn } = connectorResources(synth.template, c.id);
    const service = SERVICES.find((s) => s.name === c.service)!;
    const { config, pipeline } = loadFunctionSettings(deployedEnvironment(synth.template, fn.Environment.Variables), service);
    expect(config.connector.id).toBe(c.id);
    expect(pipeline.maxReceives).toBe(c.maxReceives);
    expect(config.opencti.token).toEqual({ kind: 'secrets-manager', setting: 'OPENCTI_TOKEN_SECRET', secretId: c.secrets[0] });
    if (c.service === 'ipinfo') expect(config.service.quota).toMatchObject({ rateLimit: [{ label: '50/s' }], cacheTtlSeconds: 600 });
    if (c.service === 'first-epss') expect(config).toMatchObject({ connector: { auto: true }, service: { maxTlp: 'TLP:CLEAR' } });
    if (c.service === 'virustotal')
      expect(config.service.options).toMatchObject({
        ipAddRelationships: true,
        urlIndicatorValidMinutes: 60,
        domainAddRelationships: false,
      });
  });

  it('keeps quota counters and cached answers in one on-demand, encrypted table with TTL, deleted with the stack', () => {
    const tables = synth.template.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toEqual([quotaTableId()]);
    const table = Object.values(tables)[0] as Props;
    expect(table.Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
    expect(QUOTA_TABLE).toMatchObject({ partitionKey: { name: 'pk', type: 'S' }, timeToLiveAttribute: 'expiresAt' });
    expect(table.DeletionPolicy).toBe('Delete');
  });

  it.each(EXPECTED)('points the $service function at the quota table', (c) => {
    const { fn } = connectorResources(synth.template, c.id);
    expect(fn.Environment.Variables.PIPELINE_QUOTA_TABLE).toEqual({ Ref: quotaTableId() });
  });

  it.each(EXPECTED)("lets the $service function get, put and update only its own connector's counters and its service's answers", (c) => {
    const statements = roleStatements(synth.template, connectorResources(synth.template, c.id).roleId);
    const dynamo = statements.filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo).toEqual([
      expect.objectContaining({
        Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
        Resource: { 'Fn::GetAtt': [quotaTableId(), 'Arn'] },
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`quota#${c.id}`, `cache#${c.service}/*`] } },
      }),
    ]);
    // The keys the store writes for this connector fall inside the condition, another connector's do not.
    const patterns = (dynamo[0] as unknown as Props).Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'] as string[];
    const allowed = (key: string) => patterns.some((pattern) => stringLike(pattern, key));
    const answer = cacheItemKey(cacheKey({ service: c.service, entityType: 'IPv4-Addr', value: '81.2.69.160' }));
    expect([quotaItemKey(c.id), answer].filter(allowed)).toEqual([quotaItemKey(c.id), answer]);
    const other = EXPECTED.find((o) => o.id !== c.id)!;
    const otherAnswer = cacheItemKey(cacheKey({ service: other.service, entityType: 'IPv4-Addr', value: '81.2.69.160' }));
    expect([quotaItemKey(other.id), otherAnswer].filter(allowed)).toEqual([]);
  });

  it.each(EXPECTED)('alarms on the $service DLQ depth and on its oldest message age, notifying the topic', (c) => {
    const { queueId, deadLetterQueueId } = connectorResources(synth.template, c.id);
    const alarms = Object.values(resources(synth.template, 'AWS::CloudWatch::Alarm'));
    const on = (metric: string, queue: string) =>
      alarms.filter(
        (a) => a.MetricName === metric && a.Namespace === 'AWS/SQS' && flatten(a.Dimensions[0].Value) === `<${queue}.QueueName>`,
      );
    expect(on('ApproximateNumberOfMessagesVisible', deadLetterQueueId)).toEqual([
      expect.objectContaining({
        Threshold: 2,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [ALARM_TOPIC],
        OKActions: [ALARM_TOPIC],
      }),
    ]);
    expect(on('ApproximateAgeOfOldestMessage', queueId)).toEqual([
      expect.objectContaining({ Threshold: 1800, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [ALARM_TOPIC] }),
    ]);
  });
});

describe('EnrichmentStack: callback ingress (ingress: callback)', () => {
  const bridgeFunction = (kind: 'callback' | 'heartbeat') => {
    const entries = Object.entries(resources(synth.template, 'AWS::Lambda::Function')).filter(
      ([, fn]) =>
        fn.Environment?.Variables?.BRIDGE_CONNECTORS && 'BRIDGE_CALLBACK_URL' in fn.Environment.Variables === (kind === 'heartbeat'),
    );
    expect(entries).toHaveLength(1);
    const [id, fn] = entries[0]!;
    return { id, fn, roleId: flatten(fn.Role).slice(1, -'.Arn>'.length) };
  };
  const queueArns = () => EXPECTED.map((c) => `<${connectorResources(synth.template, c.id).queueId}.Arn>`).sort();
  const tokenSecrets = EXPECTED.map((c) => c.secrets[0]!).sort();

  it('creates no bridge service', () => {
    synth.template.resourceCountIs('AWS::ECS::Service', 0);
  });

  it('exposes the callback function through a function URL (the handler checks the bearer token)', () => {
    const callback = bridgeFunction('callback');
    synth.template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'NONE',
      TargetFunctionArn: { 'Fn::GetAtt': [callback.id, 'Arn'] },
    });
  });

  it('reserves (and caps) the concurrency of the public callback function as configured', () => {
    expect(bridgeFunction('callback').fn.ReservedConcurrentExecutions).toBe(25);
    expect(bridgeFunction('heartbeat').fn.ReservedConcurrentExecutions).toBeUndefined();
  });

  it("lets the callback send to exactly the connectors' queues, read their tokens and write their claim checks", () => {
    const statements = roleStatements(synth.template, bridgeFunction('callback').roleId);
    expect(resourcesAllowing(statements, 'sqs:SendMessage').sort()).toEqual(queueArns());
    expect(resourcesAllowing(statements, 'secretsmanager:GetSecretValue').map(secretOf).sort()).toEqual(tokenSecrets);
    expect(
      resourcesAllowing(statements, 's3:PutObject')
        .map((r) => r.replace(/^<\w+\.Arn>/, ''))
        .sort(),
    ).toEqual(EXPECTED.map((c) => `/claim-check/${c.id}/*`).sort());
  });

  it('registers and pings the connectors every minute, announcing the function URL', () => {
    const heartbeat = bridgeFunction('heartbeat');
    synth.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [heartbeat.id, 'Arn'] } })],
    });
    expect(flatten(heartbeat.fn.Environment.Variables.BRIDGE_CALLBACK_URL)).toMatch(/^<\w+\.FunctionUrl>$/);
    const statements = roleStatements(synth.template, heartbeat.roleId);
    expect(resourcesAllowing(statements, 'secretsmanager:GetSecretValue').map(secretOf).sort()).toEqual(tokenSecrets);
    expect(resourcesAllowing(statements, 'sqs:SendMessage')).toEqual([]);
  });

  it.each(['callback', 'heartbeat'] as const)('gives the %s function an environment the bridge accepts', (kind) => {
    const env = deployedEnvironment(synth.template, bridgeFunction(kind).fn.Environment.Variables);
    const config = loadBridgeConfig(env, { purpose: kind });
    expect(config.listenProtocol).toBe('API');
    expect(config.connectors.map((c) => c.id).sort()).toEqual(EXPECTED.map((c) => c.id).sort());
    for (const connector of config.connectors) {
      expect(connector.queueUrl).toBe(
        `https://sqs.eu-west-1.amazonaws.com/123456789012/${connectorResources(synth.template, connector.id).queueId}`,
      );
      if (kind === 'heartbeat')
        expect(connector.listenCallbackUri).toMatch(new RegExp(`^https://.+\\.lambda-url\\.eu-west-1\\.on\\.aws/${connector.id}$`));
    }
  });
});

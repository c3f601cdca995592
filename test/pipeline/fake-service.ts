import axios from 'axios';
import type { Context, SQSEvent } from 'aws-lambda';
import { OpenCtiClient } from '../../shared/opencti';
import { OpenCtiStandIn } from '../../local/stand-in/opencti-stand-in';
import { apiPublisher, sqsRetryBackoff, type PipelineDeps, type ServiceDefinition } from '../../shared/pipeline';
import { authorIdentity, domainName, relationship, updateEntity, vulnerability } from '../../shared/stix';
import { createLogger } from '../../shared/logging';
import { hasSharedReference } from '../helpers/shared-reference';
import { openctiSchema, validateDocument } from '../helpers/graphql-schema';
import type { ScriptedVendor } from '../helpers/scripted-vendor';

export const TOKEN = 'pipeline-test-token-42';
export const API_KEY = 'fake-intel-key-99';
export const CONNECTOR_ID = 'c0ffee00-0000-4000-8000-00000000000a';
export const NOW = new Date('2026-03-04T05:06:07.000Z');

interface FakeResult {
  cves: string[];
  domains: string[];
  score: number;
}

/** A service of the shape every real one has: one GET, 404 = no data, a pure mapping. */
export const fakeIntel: ServiceDefinition<FakeResult> = {
  name: 'fake-intel',
  author: 'Fake Intel',
  scope: ['IPv4-Addr', 'Domain-Name'],
  apiKey: 'required',
  defaultBaseUrl: 'http://127.0.0.1:9',
  defaultRateLimit: 'none',
  defaultCacheTtlSeconds: 0,
  async lookup({ http, apiKey, entity }) {
    const response = await http.get<FakeResult>(`/lookup/${encodeURIComponent(String(entity.value))}`, {
      headers: { 'X-Key': apiKey },
      validateStatus: (s) => s === 200 || s === 404,
    });
    return response.status === 404 ? undefined : response.data;
  },
  toStix(result, { entity, authorId, now }) {
    const vulns = result.cves.map((cve) => vulnerability(cve, now, { createdBy: authorId }));
    const domains = result.domains.map((d) => domainName(d, { createdBy: authorId }));
    return [
      updateEntity(entity, { score: result.score, labels: ['fake-intel'] }),
      ...vulns,
      ...domains,
      ...vulns.map((v) => relationship('related-to', entity.id, v.id, now, { createdBy: authorId })),
      ...domains.map((d) => relationship('resolves-to', d.id, entity.id, now, { createdBy: authorId })),
    ];
  },
};

/**
 * The stand-in platform, validating every GraphQL document against the real schema when ../shared
 * is there. The schema is built here, before any test runs: built on the first request instead, it
 * took longer than the client's timeout on a busy machine.
 */
export function newPlatform(): OpenCtiStandIn {
  if (hasSharedReference()) openctiSchema();
  return new OpenCtiStandIn({ tokens: [TOKEN], validate: hasSharedReference() ? validateDocument : undefined });
}

export interface Harness {
  deps: PipelineDeps;
  visibility: Array<{ receiptHandle: string; seconds: number }>;
  /** Messages sent again for a come-back. */
  sent: Array<{ body: string; queueArn: string; attributes: Record<string, string>; delaySeconds: number }>;
  lookups: jest.SpyInstance;
}

/** Pipeline dependencies wired to the stand-in platform and the fake vendor, with a fixed clock. */
export function harness(platform: OpenCtiStandIn, vendor: ScriptedVendor, overrides: Partial<PipelineDeps> = {}): Harness {
  const opencti = new OpenCtiClient({ url: platform.url, token: TOKEN, timeoutMs: 5000 });
  const visibility: Harness['visibility'] = [];
  const sent: Harness['sent'] = [];
  const service = { ...fakeIntel, lookup: jest.fn(fakeIntel.lookup) };
  const deps: PipelineDeps = {
    service,
    connectorId: CONNECTOR_ID,
    maxTlp: 'TLP:AMBER',
    variables: { apiKey: 'FAKE_INTEL_API_KEY', maxTlp: 'FAKE_INTEL_MAX_TLP', replaceWithLowerScore: 'FAKE_INTEL_REPLACE_WITH_LOWER_SCORE' },
    replaceWithLowerScore: false,
    options: {},
    update: false,
    maxReceives: 3,
    backoff: sqsRetryBackoff(30, 900),
    opencti,
    publisher: apiPublisher(opencti),
    vendorHttp: axios.create({ baseURL: vendor.url, timeout: 2000 }),
    apiKey: API_KEY,
    author: authorIdentity(fakeIntel.author),
    logger: createLogger({ serviceName: 'fake-intel', level: 'SILENT' }),
    clock: () => NOW,
    random: () => 0.5,
    changeVisibility: async (receiptHandle, _arn, seconds) => {
      visibility.push({ receiptHandle, seconds });
    },
    sendAgain: async (message, delaySeconds) => {
      sent.push({ ...message, delaySeconds });
    },
    ...overrides,
  };
  return { deps, visibility, sent, lookups: service.lookup };
}

/** An SQS event as Lambda delivers it. */
export function sqsEvent(
  bodies: Array<{ id: string; body: string; receiveCount?: number; attributes?: Record<string, string> }>,
): SQSEvent {
  return {
    Records: bodies.map(({ id, body, receiveCount, attributes }) => ({
      messageId: id,
      receiptHandle: `rh-${id}`,
      body,
      attributes: {
        ApproximateReceiveCount: String(receiveCount ?? 1),
        SentTimestamp: '0',
        SenderId: 'x',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: Object.fromEntries(
        Object.entries(attributes ?? {}).map(([name, value]) => [name, { stringValue: value, dataType: 'String' }]),
      ),
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:fake-intel',
      awsRegion: 'us-east-1',
    })),
  };
}

export const lambdaContext = {
  functionName: 'fake-intel',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 30000,
} as unknown as Context;

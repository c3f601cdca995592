import { AxiosError, AxiosHeaders } from 'axios';
import {
  ClaimCheckError,
  classifyLookupError,
  MalformedMessageError,
  NonRetryableError,
  parseEnrichmentMessage,
  parseRetryAfter,
  PipelineError,
  RecordRetryError,
  RetryableError,
  retryDelaySeconds,
  SkipError,
  sqsRetryBackoff,
  summarizeObjects,
} from '../../shared/pipeline';
import { ipv4Addr } from '../../shared/stix';
import { modernMessage, playbookMessage, v5Message, v6Message } from './messages';

const axiosError = (status?: number, headers: Record<string, string> = {}, code?: string) =>
  new AxiosError(
    'boom',
    code,
    { headers: new AxiosHeaders(), url: '/check?key=secret', method: 'get' },
    undefined,
    status === undefined ? undefined : ({ status, headers, data: {}, statusText: '', config: { headers: new AxiosHeaders() } } as never),
  );

describe('parseEnrichmentMessage', () => {
  const entity = ipv4Addr('8.8.8.8');
  it('reads every shape the platform sends', () => {
    expect(parseEnrichmentMessage(modernMessage(entity, 'w1', 'manual'))).toMatchObject({
      workId: 'w1',
      entityType: 'IPv4-Addr',
      stixEntity: entity,
      mode: 'manual',
      trigger: 'update',
    });
    expect(parseEnrichmentMessage(v6Message(entity.id, 'w2'))).toEqual({
      workId: 'w2',
      applicantId: null,
      draftId: null,
      entityId: entity.id,
      entityType: 'IPv4-Addr',
    });
    expect(parseEnrichmentMessage(v5Message(entity.id, 'w3'))).toMatchObject({ workId: 'w3', entityId: entity.id, entityType: undefined });
    expect(parseEnrichmentMessage(playbookMessage(entity).body)).toMatchObject({
      workId: null,
      playbook: { context: { step_id: 'step-2' } },
    });
  });

  it('treats an empty stix_entity as absent, as the platform sends it when it could not load the object', () => {
    const body = JSON.stringify({ internal: { work_id: 'w' }, event: { entity_id: entity.id, entity_type: 'IPv4-Addr', stix_entity: '' } });
    expect(parseEnrichmentMessage(body).stixEntity).toBeUndefined();
  });

  it.each([
    ['not json', /body is not JSON/],
    ['{"internal":{},"event":{}}', /event.entity_id/],
    ['{"event":{"entity_id":"x"}}', /internal/],
    ['{"internal":{},"event":{"entity_id":"x","stix_entity":"{oops"}}', /event.stix_entity is not valid JSON/],
    [
      '{"internal":{"playbook":{"event_id":"e","execution_id":"x","playbook_id":"p","data_instance_id":"d","step_id":"s","previous_step_id":"q"}},"event":{"entity_id":"x"}}',
      /playbook message without event.bundle/,
    ],
  ])('says what is wrong with %s', (body, reason) => {
    expect(() => parseEnrichmentMessage(body)).toThrow(MalformedMessageError);
    expect(() => parseEnrichmentMessage(body)).toThrow(reason);
  });
});

describe('classifyLookupError', () => {
  const service = { name: 'abuseipdb', keyVariable: 'ABUSEIPDB_API_KEY' };
  it.each([
    [axiosError(429, { 'retry-after': '30' }), RetryableError, /rate limited/],
    [axiosError(503), RetryableError, /HTTP 503/],
    [axiosError(undefined, {}, 'ECONNABORTED'), RetryableError, /timed out/],
    [axiosError(undefined, {}, 'ECONNREFUSED'), RetryableError, /network error \(ECONNREFUSED\)/],
    [axiosError(401), NonRetryableError, /check ABUSEIPDB_API_KEY/],
    [axiosError(403), NonRetryableError, /check ABUSEIPDB_API_KEY/],
    [axiosError(400), NonRetryableError, /unexpected answer \(HTTP 400\)/],
  ])('classifies %s', (error, type, message) => {
    const classified = classifyLookupError(error, service, 0);
    expect(classified).toBeInstanceOf(type);
    expect(classified.message).toMatch(message);
    expect(classified.message).not.toContain('secret');
  });

  it("takes the vendor's Retry-After, in seconds or as a date", () => {
    expect((classifyLookupError(axiosError(429, { 'retry-after': '30' }), service, 0) as RetryableError).retryAfterSeconds).toBe(30);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});

describe('pipeline errors', () => {
  const cause = new Error('underlying');
  const outcome = { status: 'retry' as const, messageId: 'm', message: 'later', objectCount: 0, durationMs: 1 };
  it.each([
    [new RetryableError('x', { cause, retryAfterSeconds: 5 }), true],
    [new ClaimCheckError('x', { cause }), true],
    [new RecordRetryError(outcome, { cause }), true],
    [new NonRetryableError('x', { cause }), false],
    [new SkipError('x', { cause }), false],
    [new MalformedMessageError('x', { cause }), false],
  ])('%s says itself whether another attempt can help, and keeps its cause', (error, retryable) => {
    expect(error).toBeInstanceOf(PipelineError);
    expect(error.retryable).toBe(retryable);
    expect(error.cause).toBe(cause);
  });
});

describe('retryDelaySeconds', () => {
  const options = sqsRetryBackoff(30, 900);
  it('grows exponentially with jitter and stays under the maximum', () => {
    expect([1, 2, 3, 10].map((a) => retryDelaySeconds(a, options, () => 0))).toEqual([15, 30, 60, 450]);
    expect([1, 2, 3, 10].map((a) => retryDelaySeconds(a, options, () => 1))).toEqual([30, 60, 120, 900]);
  });

  it('honours Retry-After within the SQS limit', () => {
    expect(retryDelaySeconds(1, options, Math.random, 120)).toBe(120);
    expect(retryDelaySeconds(1, options, Math.random, 999_999)).toBe(43_200);
  });
});

describe('summarizeObjects', () => {
  it('counts objects by type in plain words', () => {
    const o = (type: string) => ({ type, id: `${type}--x` });
    expect(summarizeObjects([o('vulnerability'), o('vulnerability'), o('domain-name')])).toBe(
      '3 objects: 2 vulnerabilities, 1 domain name',
    );
    expect(summarizeObjects([])).toBe('no new objects');
  });
});

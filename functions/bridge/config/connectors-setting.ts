import * as z from 'zod';
import {
  booleanSetting,
  httpUrlSetting,
  listSetting,
  stringSetting,
  uuidSetting,
  type ConfigProblem,
  type SecretRef,
} from '../../../shared/config';
import type { BridgeConnectorConfig } from './bridge-config';

const VARIABLE = 'BRIDGE_CONNECTORS';

/** What each field of an entry expects, for error messages (never the given value: it may be a token). */
const EXPECTED: Record<string, string> = {
  id: 'a UUID, the connector id',
  name: 'a name of at least 2 characters',
  scope: 'a list of entity types, e.g. ["IPv4-Addr","Domain-Name"] or "IPv4-Addr,Domain-Name"',
  auto: 'true or false',
  auto_update: 'true or false',
  only_contextual: 'true or false',
  queue_url: 'the http(s) URL of the SQS queue',
  listen_callback_uri: 'an http(s) URL',
};

const entrySchema = z.object({
  id: uuidSetting.transform((id) => id.toLowerCase()),
  name: stringSetting.pipe(z.string().min(2)),
  scope: listSetting,
  auto: booleanSetting.default(false),
  auto_update: booleanSetting.default(false),
  only_contextual: booleanSetting.default(false),
  queue_url: httpUrlSetting,
  listen_callback_uri: httpUrlSetting.optional(),
});

const nonEmpty = z.string().trim().min(1);

export interface ConnectorsSettingOptions {
  /** API listen mode needs a callback URI per connector. */
  needCallbackUri: boolean;
  /** `BRIDGE_CALLBACK_URL`: the callback URI of a connector without its own is `<base>/<id>`. */
  callbackBaseUrl?: string;
}

/**
 * Parses `BRIDGE_CONNECTORS`: a JSON list of `{id, name, scope, auto, auto_update, only_contextual,
 * token | token_secret, queue_url, listen_callback_uri?}`. Records one problem per bad field,
 * named `BRIDGE_CONNECTORS[i].field`, and never echoes a value.
 */
export function parseConnectorsSetting(
  raw: string | undefined,
  options: ConnectorsSettingOptions,
  problems: ConfigProblem[],
): BridgeConnectorConfig[] {
  if (raw === undefined || raw.trim() === '') {
    problems.push({
      variable: VARIABLE,
      expected:
        'is required: a JSON list of connectors, e.g. [{"id":"<uuid>","name":"AbuseIPDB","scope":["IPv4-Addr"],"token_secret":"<secret name>","queue_url":"https://sqs..."}]',
    });
    return [];
  }
  let entries: unknown;
  try {
    entries = JSON.parse(raw);
  } catch {
    problems.push({ variable: VARIABLE, expected: 'expected a JSON list of connector objects (the value is not valid JSON)' });
    return [];
  }
  if (!Array.isArray(entries) || entries.length === 0) {
    problems.push({ variable: VARIABLE, expected: 'expected a non-empty JSON list of connector objects' });
    return [];
  }
  const connectors: BridgeConnectorConfig[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const parsed = parseEntry(entry, `${VARIABLE}[${index}]`, options, problems);
    const id = (entry as { id?: unknown } | null)?.id;
    const key = typeof id === 'string' ? id.trim().toLowerCase() : undefined;
    if (key && seen.has(key))
      problems.push({ variable: `${VARIABLE}[${index}].id`, expected: `expected a unique connector id (${key} appears twice)` });
    else if (parsed) connectors.push(parsed);
    if (key) seen.add(key);
  });
  return connectors;
}

function parseEntry(
  entry: unknown,
  name: string,
  options: ConnectorsSettingOptions,
  problems: ConfigProblem[],
): BridgeConnectorConfig | undefined {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    problems.push({ variable: name, expected: 'expected an object with id, name, scope, token or token_secret, queue_url' });
    return undefined;
  }
  const before = problems.length;
  const token = parseToken(entry as Record<string, unknown>, name, problems);
  const result = entrySchema.safeParse(entry);
  if (!result.success) {
    const fields = new Set(result.error.issues.map((issue) => String(issue.path[0] ?? '')));
    for (const field of fields) {
      const expected = EXPECTED[field] ?? 'a valid value';
      const missing = (entry as Record<string, unknown>)[field] === undefined;
      problems.push({ variable: `${name}.${field}`, expected: missing ? `is required: ${expected}` : `expected ${expected}` });
    }
    return undefined;
  }
  const data = result.data;
  const listenCallbackUri = data.listen_callback_uri ?? (options.callbackBaseUrl ? `${options.callbackBaseUrl}/${data.id}` : undefined);
  if (options.needCallbackUri && !listenCallbackUri) {
    problems.push({
      variable: `${name}.listen_callback_uri`,
      expected: 'is required in API listen mode (or set BRIDGE_CALLBACK_URL): the URL the platform POSTs messages to',
    });
  }
  if (problems.length > before || !token) return undefined;
  return {
    id: data.id,
    name: data.name,
    scope: data.scope,
    auto: data.auto,
    autoUpdate: data.auto_update,
    onlyContextual: data.only_contextual,
    token,
    queueUrl: data.queue_url,
    ...(listenCallbackUri ? { listenCallbackUri } : {}),
  };
}

function parseToken(entry: Record<string, unknown>, name: string, problems: ConfigProblem[]): SecretRef | undefined {
  const inline = entry.token;
  const secretId = entry.token_secret;
  if (inline !== undefined && secretId !== undefined) {
    problems.push({ variable: `${name}.token`, expected: 'set either token or token_secret, not both' });
    return undefined;
  }
  if (secretId !== undefined) {
    const parsed = nonEmpty.safeParse(secretId);
    if (parsed.success) return { kind: 'secrets-manager', setting: `${name}.token_secret`, secretId: parsed.data };
    problems.push({ variable: `${name}.token_secret`, expected: 'expected the name or ARN of a Secrets Manager secret' });
    return undefined;
  }
  const parsed = nonEmpty.safeParse(inline);
  if (!parsed.success || parsed.data === 'ChangeMe') {
    problems.push({ variable: `${name}.token`, expected: "is required (or token_secret): the API token of the connector's OpenCTI user" });
    return undefined;
  }
  return { kind: 'value', setting: `${name}.token`, value: parsed.data };
}

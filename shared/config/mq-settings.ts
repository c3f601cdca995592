import * as z from 'zod';
import type { ResolvedMqOverrides } from '../rabbitmq/connection';
import { booleanSetting, integerSetting, stringSetting } from './coerce';
import type { ConfigProblem } from './errors';
import type { ConfigSource } from './raw-value';
import { readSecretRef, type SecretRef } from './secret-ref';
import type { SecretResolver } from './secrets';
import { readSetting } from './settings';

/**
 * RabbitMQ settings that replace what `registerConnector` returned (`MQ_*`), for networks where
 * the platform's own host name does not resolve. The password stays a reference until resolved.
 */
export interface MqOverrides {
  host?: string;
  port?: number;
  vhost?: string;
  useSsl?: boolean;
  user?: string;
  /** `MQ_PASS` (inline) or `MQ_PASS_SECRET` (Secrets Manager). */
  pass?: SecretRef;
}

/**
 * Reads `MQ_*` from the environment, recording a problem for each bad value; only the variables
 * that are set appear in the result. The password is never echoed.
 */
export function readMqSettings(source: ConfigSource, problems: ConfigProblem[]): MqOverrides {
  const pass = readSecretRef(
    source,
    'MQ_PASS',
    undefined,
    { required: false, expected: 'the RabbitMQ password', verbatim: true },
    problems,
  );
  const read = <T>(variable: string, schema: z.ZodType<T>, expected: string) =>
    readSetting(source, { variable, schema, expected }, problems);
  const mq: MqOverrides = {
    host: read('MQ_HOST', stringSetting, 'the RabbitMQ host name to use instead of the one the platform returns'),
    port: read('MQ_PORT', integerSetting.min(1).max(65535), 'a port number'),
    vhost: read('MQ_VHOST', z.string().min(1), 'a RabbitMQ virtual host, e.g. /'),
    useSsl: read('MQ_USE_SSL', booleanSetting, 'true or false'),
    user: read('MQ_USER', stringSetting, 'a RabbitMQ user name'),
    pass,
  };
  return Object.fromEntries(Object.entries(mq).filter(([, value]) => value !== undefined));
}

/** The overrides with the password resolved (Secrets Manager is asked once per resolver). */
export async function resolveMqOverrides(mq: MqOverrides, secrets: SecretResolver): Promise<ResolvedMqOverrides> {
  const { pass, ...rest } = mq;
  return pass ? { ...rest, pass: await secrets.resolve(pass) } : rest;
}

import { Logger } from '@aws-lambda-powertools/logger';
import { redactingReplacer } from './redact';

export type { Logger } from '@aws-lambda-powertools/logger';

export interface LoggerOptions {
  /** `service` in every line: the connector's service name, or `bridge`. */
  serviceName: string;
  /** From `CONNECTOR_LOG_LEVEL`. @default 'INFO' */
  level?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Secret values to blank wherever they appear; read on every line. */
  secrets?: () => readonly string[];
  /** Keys added to every line (connector id, name, ...). */
  persistentKeys?: Record<string, string>;
}

/** A structured JSON logger (Powertools) that never writes a token or API key. */
export function createLogger(options: LoggerOptions): Logger {
  return new Logger({
    serviceName: options.serviceName,
    logLevel: options.level ?? 'INFO',
    jsonReplacerFn: redactingReplacer(options.secrets),
    persistentKeys: options.persistentKeys,
  });
}

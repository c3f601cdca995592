import { isAxiosError } from 'axios';
import { NonRetryableError, PipelineError, RetryableError } from './errors';
import { printable } from './printable';
import type { ServiceDefinition } from './service';

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date), if usable. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.ceil(seconds) : undefined;
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** What {@link classifyLookupError} needs to know of the service. */
export interface ClassifiedService {
  name: string;
  /** `<SERVICE>_API_KEY`, named when the vendor refuses the key. */
  keyVariable: string;
  /** The service's own rules for vendor-specific answers, asked first. */
  classifyError?: ServiceDefinition['classifyError'];
}

/**
 * Turns whatever a lookup threw into a typed outcome: a pipeline error as it is; then the
 * service's own `classifyError` hook (quota answers); then the generic rules: vendor
 * 429 (rate limited: the connector pauses)/5xx/timeouts/network errors are retryable, 401/403 point at the API key setting, other 4xx
 * are not retryable. The vendor's request (and its key) is never carried along.
 */
export function classifyLookupError(error: unknown, service: ClassifiedService, nowMs: number): Error {
  if (error instanceof PipelineError) return error;
  const own = service.classifyError?.(error, { nowMs, keyVariable: service.keyVariable });
  if (own) return own;
  if (!isAxiosError(error)) return error instanceof Error ? error : new Error(String(error));
  const status = error.response?.status;
  const where =
    `${service.name} ${error.config?.method?.toUpperCase() ?? 'request'} ${printable(error.config?.url?.split('?')[0] ?? '')}`.trim();
  if (status === 429) {
    return new RetryableError(`${where}: rate limited (HTTP 429)`, {
      retryAfterSeconds: parseRetryAfter(error.response?.headers?.['retry-after'], nowMs),
      rateLimited: true,
    });
  }
  if (status === 401 || status === 403) {
    return new NonRetryableError(`${where}: the service refused the API key (HTTP ${status}); check ${service.keyVariable}`);
  }
  if (status !== undefined && status >= 500) {
    return new RetryableError(`${where}: service error (HTTP ${status})`, {
      retryAfterSeconds: parseRetryAfter(error.response?.headers?.['retry-after'], nowMs),
    });
  }
  if (status !== undefined) return new NonRetryableError(`${where}: unexpected answer (HTTP ${status})`);
  return new RetryableError(
    `${where}: ${error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT' ? 'timed out' : `network error (${error.code ?? error.message})`}`,
  );
}

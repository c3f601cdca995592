import {
  httpFailureOf,
  NonRetryableError,
  parseRetryAfter,
  RetryableError,
  type ErrorContext,
  type PipelineError,
} from '../../shared/service-kit';
import { errorBodySchema } from './schema';

/** The public API's minute window: a quota answer is worth retrying once it has passed. */
const MINUTE_SECONDS = 60;

/**
 * Reads VirusTotal's error body (https://docs.virustotal.com/reference/errors): its 429s are a
 * quota (`QuotaExceededError`: the public API's 4 lookups a minute, 500 a day) or a burst
 * (`TooManyRequestsError`), retried after the minute window since VirusTotal sends no
 * `Retry-After`; its 401s (`WrongCredentialsError`...) name the key setting; other client errors
 * carry VirusTotal's own explanation. Everything else is left to the pipeline.
 */
export function virusTotalError(error: unknown, ctx: ErrorContext): PipelineError | undefined {
  const failure = httpFailureOf(error);
  if (!failure) return undefined;
  const body = errorBodySchema.safeParse(failure.body);
  const code = body.success ? body.data.error.code : `HTTP ${failure.status}`;
  if (failure.status === 429)
    return new RetryableError(
      `VirusTotal quota exceeded (${code}): a public API key allows 4 lookups a minute and 500 a day; retrying later`,
      { retryAfterSeconds: parseRetryAfter(failure.header('retry-after'), ctx.nowMs) ?? MINUTE_SECONDS },
    );
  if (failure.status === 401) return new NonRetryableError(`VirusTotal refused the API key (${code}); check ${ctx.keyVariable}`);
  if (failure.status >= 400 && failure.status < 500 && failure.status !== 403 && body.success) {
    const message = body.data.error.message?.slice(0, 200);
    return new NonRetryableError(`VirusTotal answered ${code}${message ? `: ${message}` : ''} (HTTP ${failure.status})`);
  }
  return undefined;
}

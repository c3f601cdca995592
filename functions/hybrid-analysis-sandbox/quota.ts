import { httpFailureOf, parseRetryAfter, RetryableError, type ErrorContext } from '../../shared/service-kit';

/** The `Api-Limits` header Hybrid Analysis sends: its limits, what was used, which limit was reached. */
interface ApiLimits {
  limits?: Record<string, number>;
  name_of_reached_limit?: string;
}

const WINDOW_SECONDS: Record<string, number> = { minute: 60, hour: 3600 };

function apiLimitsOf(value: string | undefined): ApiLimits | undefined {
  try {
    const parsed: unknown = value ? JSON.parse(value) : undefined;
    return parsed && typeof parsed === 'object' ? (parsed as ApiLimits) : undefined;
  } catch {
    // Not the documented JSON: read the 429 without it.
    return undefined;
  }
}

/**
 * Hybrid Analysis's 429 says in its `Api-Limits` header which of its limits was reached (by
 * default 200 requests a minute and 2,000 an hour): the message waits that window out unless
 * `Retry-After` says otherwise, instead of retrying into the same limit (connectors#1154).
 */
export function hybridAnalysisQuotaError(error: unknown, ctx: ErrorContext): RetryableError | undefined {
  const failure = httpFailureOf(error);
  if (failure?.status !== 429) return undefined;
  const limits = apiLimitsOf(failure.header('api-limits'));
  const reached = limits?.name_of_reached_limit;
  const limit = reached ? limits?.limits?.[reached] : undefined;
  const retryAfterSeconds = parseRetryAfter(failure.header('retry-after'), ctx.nowMs) ?? (reached ? WINDOW_SECONDS[reached] : undefined);
  const what = reached ? `limit of ${limit ?? 'its'} requests per ${reached}` : 'request limit';
  return new RetryableError(`Hybrid Analysis ${what} reached for the key in ${ctx.keyVariable}; retrying after it`, { retryAfterSeconds });
}

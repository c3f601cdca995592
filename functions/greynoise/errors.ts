import {
  httpFailureOf,
  NonRetryableError,
  parseRetryAfter,
  RetryableError,
  type ErrorContext,
  type PipelineError,
} from '../../shared/service-kit';

/** A short, one-line text field of GreyNoise's JSON error body, if any. */
function fieldOf(body: unknown, field: string): string | undefined {
  const value = (body as Record<string, unknown> | null | undefined)?.[field];
  return typeof value === 'string' && value.trim() ? value.replace(/\s+/g, ' ').trim().slice(0, 120) : undefined;
}

/**
 * GreyNoise's answers that say more than their status: a refused key may only be the wrong API
 * for its type (community keys are meant for the Community API), so the message names both
 * settings; a 429 names the plan's limit when GreyNoise gives it (community allowances are
 * counted per day or week, so the work says why it waits). The request is never quoted.
 */
export function greyNoiseError(error: unknown, ctx: ErrorContext): PipelineError | undefined {
  const failure = httpFailureOf(error);
  if (failure?.status === 401 || failure?.status === 403) {
    const said = fieldOf(failure.body, 'message');
    return new NonRetryableError(
      `GreyNoise refused the key (HTTP ${failure.status}${said ? `: ${said}` : ''}); check ${ctx.keyVariable}, ` +
        'and GREYNOISE_KEY_TYPE (community keys use the Community API: GREYNOISE_KEY_TYPE=community)',
    );
  }
  if (failure?.status === 429) {
    const limit = fieldOf(failure.body, 'rate-limit');
    const plan = fieldOf(failure.body, 'plan');
    const detail = [plan && `plan ${plan}`, limit].filter(Boolean).join(', ');
    return new RetryableError(`GreyNoise rate limit reached${detail ? ` (${detail})` : ''}; retrying later`, {
      retryAfterSeconds: parseRetryAfter(failure.header('retry-after'), ctx.nowMs),
    });
  }
  return undefined;
}

import { httpFailureOf, NonRetryableError, type ErrorContext } from '../../shared/service-kit';
import { parseShodanJson } from './shodan-json';

/** Shodan's `{"error": "…"}`, cut short and on one line; undefined for anything else (its 401 for a bad key is an HTML page). */
function shodanMessageOf(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = parseShodanJson(body);
    } catch {
      return undefined;
    }
  }
  const error = (parsed as { error?: unknown } | null)?.error;
  return typeof error === 'string' ? error.replace(/\s+/g, ' ').trim().slice(0, 160) : undefined;
}

/**
 * Shodan answers 401 both for a refused key and for a key whose plan cannot do what was asked;
 * only the body tells them apart. Searches spend the monthly query credits (an IP lookup spends
 * none), and a search with filters needs a paid plan: no retry fixes either, so the work ends in
 * error saying what to change. A refused key and a 429 (one request a second) are left to the
 * pipeline's rules. The vendor's text is quoted; the request, which holds the key, never is.
 */
export function shodanQuotaError(error: unknown, ctx: ErrorContext): NonRetryableError | undefined {
  const failure = httpFailureOf(error);
  if (!failure || ![401, 402, 403].includes(failure.status)) return undefined;
  const message = shodanMessageOf(failure.body);
  if (!message) return undefined;
  if (/query credits/i.test(message)) {
    return new NonRetryableError(
      `Shodan: the monthly query credits of ${ctx.keyVariable} are used up ("${message}"); searches need them, address lookups do not. ` +
        'Wait for the monthly reset, upgrade the plan, or set SHODAN_IMPORT_SEARCH_RESULTS=false to count results only',
    );
  }
  if (/membership|upgrade|plan|access denied/i.test(message)) {
    return new NonRetryableError(
      `Shodan refused the request with the plan of ${ctx.keyVariable} (HTTP ${failure.status}: "${message}"); ` +
        'searching with filters needs a paid plan (SHODAN_IMPORT_SEARCH_RESULTS=false counts results only)',
    );
  }
  return undefined;
}

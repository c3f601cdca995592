/** Replacement text for anything that looks like a credential. */
export const REDACTED = '[REDACTED]';

/** Keys whose values are credentials wherever they appear (headers, configs, error causes). */
const SENSITIVE_KEY =
  /^(authorization|proxy-authorization|x-api-key|api[-_]?key|key|token|.*_token|password|pass|secret|secretstring|cookie|set-cookie)$/i;

/** Credentials carried in URLs: `?key=…`, `&token=…`, `user:pass@host`. */
const URL_CREDENTIAL = /([?&](?:key|api[-_]?key|token|apikey|access_token|auth)=)[^&#\s"]+/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@"]+:[^/\s@"]+@/gi;
const BEARER = /(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/**
 * A JSON replacer that blanks sensitive keys, known secret values, bearer tokens and credentials
 * in URLs. `secrets` is read on every call, so secrets resolved after start-up are covered too.
 */
export function redactingReplacer(secrets: () => readonly string[] = () => []): (key: string, value: unknown) => unknown {
  return (key, value) => {
    if (key && SENSITIVE_KEY.test(key) && value !== null && value !== undefined && typeof value !== 'object') return REDACTED;
    if (typeof value === 'string') return redactText(value, secrets());
    if (typeof value === 'bigint') return value.toString();
    return value;
  };
}

/** Removes every known secret and every credential-looking fragment from a text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(BEARER, `$1${REDACTED}`).replace(URL_CREDENTIAL, `$1${REDACTED}`).replace(URL_USERINFO, `$1${REDACTED}@`);
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

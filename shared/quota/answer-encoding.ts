/** Answers above this size are not cached: 350 KB, leaving room under DynamoDB's 400 KB item limit. */
export const DEFAULT_MAX_ANSWER_BYTES = 350 * 1024;

/**
 * The JSON a store keeps for an answer, or undefined when it is not to be cached (TTL 0 or
 * less, or larger than `maxBytes`).
 *
 * @throws TypeError when the value has no JSON form (undefined, a function), or a RangeError for a TTL that is not a number
 */
export function encodeAnswer(value: unknown, ttlSeconds: number, maxBytes: number): string | undefined {
  if (Number.isNaN(ttlSeconds)) throw new RangeError('a cache TTL must be a number of seconds');
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError('a cached answer must be JSON-serialisable');
  if (ttlSeconds <= 0 || Buffer.byteLength(json, 'utf8') > maxBytes) return undefined;
  return json;
}

import type { ConfigProblem } from './errors';

/** An S3 bucket name as AWS allows it (3 to 63 lower-case letters, digits, dots and hyphens). */
export const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Key prefix of claim checks in their bucket, before `<connector id>/`. */
export const DEFAULT_CLAIM_CHECK_PREFIX = 'claim-check/';

/**
 * `PIPELINE_CLAIM_CHECK_BUCKET` and `PIPELINE_CLAIM_CHECK_PREFIX`: the bucket the bridge stores
 * oversized bodies in, which a function reads from (its connector's prefix only). Undefined when
 * the bucket is not set (no claim checks in S3), or bad (a problem is recorded).
 */
export function readClaimCheckBucket(
  env: Record<string, string | undefined>,
  problems: ConfigProblem[],
): { bucket: string; prefix: string } | undefined {
  const bucket = env.PIPELINE_CLAIM_CHECK_BUCKET?.trim() || undefined;
  if (!bucket) return undefined;
  if (!S3_BUCKET_NAME.test(bucket)) {
    problems.push({ variable: 'PIPELINE_CLAIM_CHECK_BUCKET', expected: `expected an S3 bucket name, got ${JSON.stringify(bucket)}` });
    return undefined;
  }
  return { bucket, prefix: env.PIPELINE_CLAIM_CHECK_PREFIX?.trim() || DEFAULT_CLAIM_CHECK_PREFIX };
}

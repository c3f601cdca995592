/** Base class of the quota library's errors, so a caller can tell them from vendor failures. */
export class QuotaError extends Error {
  override name = 'QuotaError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The quota store could not be read or written (DynamoDB unreachable, denied, throttled...); see `cause`. */
export class QuotaStoreError extends QuotaError {
  override name = 'QuotaStoreError';
}

/**
 * Too many workers changed the same connector's counters at once: every conditional write of
 * this caller lost, up to the store's attempt limit. Retrying later is safe (nothing was counted).
 */
export class QuotaContentionError extends QuotaError {
  override name = 'QuotaContentionError';
}

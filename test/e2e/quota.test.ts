import { publicAddresses, runQuotaScenario } from '../helpers/quota-scenario';

/**
 * The connector's rate limit keeps every worker of `npm start` under the vendor's: a vendor that
 * allows 5 requests per 2 s and answers 429 beyond sees none beyond, and no work ends in error.
 */
describe('npm start with <SERVICE>_RATE_LIMIT, against a vendor that answers 429 beyond 5 requests per 2 s', () => {
  it('processes every work without one vendor 429 or one work in error', async () => {
    const addresses = publicAddresses(30);
    const result = await runQuotaScenario({
      vendor: { limit: 5, windowMs: 2_000 },
      // No cache: every work is one vendor call; no reserve: auto-enrichment may use the whole window.
      settings: { RATE_LIMIT: '5/2s', MANUAL_RESERVE: '0', CACHE_TTL: '0' },
      addresses,
      timeoutMs: 90_000,
    });
    expect(result).toMatchObject({ works: 30, worksInError: 0, vendor429s: 0, vendorCalls: 30, maxCallsPerAddress: 1 });
    // 30 calls at 5 per 2 s cannot take less than 10 s: the limit was really applied.
    expect(result.seconds).toBeGreaterThanOrEqual(10);
  }, 150_000);

  it('without the limit the same vendor answers 429, and the works still end without error', async () => {
    const result = await runQuotaScenario({
      vendor: { limit: 5, windowMs: 2_000 },
      settings: { RATE_LIMIT: 'none', CACHE_TTL: '0' },
      addresses: publicAddresses(30),
      timeoutMs: 90_000,
    });
    expect(result.vendor429s).toBeGreaterThan(0);
    expect(result).toMatchObject({ works: 30, worksInError: 0 });
  }, 150_000);
});

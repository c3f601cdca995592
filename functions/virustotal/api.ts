import type { LookupContext } from '../../shared/service-kit';

/** The key goes in a header, never in a path (paths appear in error messages). */
export const authHeaders = (ctx: LookupContext<unknown>): Record<string, string | undefined> => ({ 'x-apikey': ctx.apiKey });

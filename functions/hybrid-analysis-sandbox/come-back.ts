import { ComeBackLaterError, NonRetryableError } from '../../shared/service-kit';
import * as z from 'zod';
import { reportIdSchema } from './schema';

/** Seconds between two looks at an analysis in progress: a sandbox run takes minutes. */
export const COME_BACK_SECONDS = 120;
/** Looks before giving up on an analysis (about 20 minutes of waiting). */
export const MAX_COME_BACKS = 10;

/** What a come-back carries: the analysis (job or report id) and how many looks it already took. */
const stateSchema = z.object({ jobId: reportIdSchema, comeBacks: z.number().int().nonnegative() });
export type AnalysisWait = z.infer<typeof stateSchema>;

/** The analysis an earlier delivery is waiting for, or undefined for a first delivery (or a state of another shape). */
export const waitOf = (resume: unknown): AnalysisWait | undefined => stateSchema.safeParse(resume).data;

/**
 * Comes back later for `jobId`, the next look counted. Past {@link MAX_COME_BACKS} looks it stops
 * with an error naming the analysis, so the work does not stay open for ever.
 */
export function comeBackFor(jobId: string, comeBacksSoFar: number, why: string): never {
  const comeBacks = comeBacksSoFar + 1;
  if (comeBacks > MAX_COME_BACKS) {
    const minutes = Math.round((MAX_COME_BACKS * COME_BACK_SECONDS) / 60);
    throw new NonRetryableError(
      `Hybrid Analysis has not finished analysis ${jobId} after ${MAX_COME_BACKS} looks over ${minutes} minutes; enrich again later to read it`,
    );
  }
  throw new ComeBackLaterError(`${why}; looking again in ${COME_BACK_SECONDS} s (${comeBacks} of ${MAX_COME_BACKS})`, {
    delaySeconds: COME_BACK_SECONDS,
    state: { jobId, comeBacks } satisfies AnalysisWait,
  });
}

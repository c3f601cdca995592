/** The pipeline reads claim checks back; the reader lives with it in shared/pipeline. */
export { ClaimCheckError, parseClaimCheck, resolveClaimCheck, type ClaimCheckReaders } from '../../shared/pipeline/claim-check';

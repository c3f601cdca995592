import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `../shared/reference`, beside the project; absent on a clone without it (CI has it). */
export const SHARED_REFERENCE = resolve(__dirname, '../../../shared/reference');

export const hasSharedReference = (): boolean => existsSync(join(SHARED_REFERENCE, 'opencti', 'opencti.graphql'));

/**
 * `describe` when ../shared/reference is present, otherwise a describe that skips with a message
 * saying why, so a clone without it still runs every other test.
 */
export function describeWithReference(name: string, body: () => void): void {
  if (hasSharedReference()) {
    describe(name, body);
    return;
  }
  // Skipped on purpose: the schemas live in ../shared/reference, which this checkout lacks.
  describe.skip(`${name} (skipped: ../shared/reference is absent; it is present in CI)`, body);
}

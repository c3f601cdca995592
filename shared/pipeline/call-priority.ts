import type { CallPriority } from '../quota/quota-store';
import type { PipelineDeps } from './deps';
import type { EnrichmentMessage } from './message';
import { printable } from './printable';

/** The platform names the work of a user's "Enrich" click `Manual enrichment` (or `Manual enrichment in draft <id>`). */
const MANUAL_WORK_NAME = /^Manual enrichment\b/;

/**
 * Who asked for the enrichment: `manual` (a user) or `auto` (auto-enrichment, playbooks).
 * Platforms from 6.8.9 say it in `internal.mode`; older messages do not, so the work's name tells
 * (one GraphQL read, only for such messages). A work that cannot be read counts as auto: the
 * reserve then protects the quota rather than this record.
 */
export async function callPriority(msg: EnrichmentMessage, deps: Pick<PipelineDeps, 'opencti' | 'logger'>): Promise<CallPriority> {
  if (msg.mode) return msg.mode;
  if (msg.playbook || !msg.workId) return 'auto';
  try {
    const name = await deps.opencti.readWorkName(msg.workId);
    return name !== undefined && MANUAL_WORK_NAME.test(name) ? 'manual' : 'auto';
  } catch (error) {
    deps.logger.warn('Cannot read the work name to tell a manual enrichment: counted as auto', {
      workId: printable(msg.workId),
      error: (error as Error).message,
    });
    return 'auto';
  }
}

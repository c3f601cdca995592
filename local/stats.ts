import type { RecordOutcome } from '../shared/pipeline/deps';

export interface ConnectorCounts {
  received: number;
  enriched: number;
  noData: number;
  skipped: number;
  retried: number;
  failed: number;
  malformed: number;
  /** Lookups that submitted something and come back for the result. */
  comingBack: number;
  /** Answers taken from the cache (or from the same lookup under way), without a vendor call. */
  cacheHits: number;
  /** Lookups the cache could not answer. */
  cacheMisses: number;
  /** Records waiting for the quota or a vendor pause right now. */
  waiting: number;
  dlq: number;
}

type Counted = Exclude<RecordOutcome['status'], 'waiting' | 'dead-letter'>;

const FIELD: Record<Counted, keyof ConnectorCounts> = {
  enriched: 'enriched',
  'no-data': 'noData',
  skipped: 'skipped',
  retry: 'retried',
  failed: 'failed',
  malformed: 'malformed',
  'come-back': 'comingBack',
};

const zero = (): ConnectorCounts => ({
  received: 0,
  enriched: 0,
  noData: 0,
  skipped: 0,
  retried: 0,
  failed: 0,
  malformed: 0,
  comingBack: 0,
  cacheHits: 0,
  cacheMisses: 0,
  waiting: 0,
  dlq: 0,
});

/** Counts what each connector did, and turns outcomes into lines a person can follow. */
export class LocalStats {
  readonly counts = new Map<string, ConnectorCounts>();

  constructor(names: readonly string[]) {
    for (const name of names) this.counts.set(name, zero());
  }

  record(connector: string, outcome: RecordOutcome): void {
    const counts = this.counts.get(connector);
    // A copy passed on to the DLQ was reported by its last attempt already.
    if (!counts || outcome.status === 'dead-letter') return;
    if (outcome.cache === 'hit') counts.cacheHits += 1;
    if (outcome.cache === 'miss') counts.cacheMisses += 1;
    const wasWaiting = outcome.waitingSince !== undefined;
    if (outcome.status === 'waiting') {
      // A record that waits again is still the one record waiting; a new wait is one more.
      if (!wasWaiting) {
        counts.received += 1;
        counts.waiting += 1;
      }
      return;
    }
    // A record back from waiting was counted as received when it began to wait.
    if (wasWaiting) counts.waiting = Math.max(0, counts.waiting - 1);
    else counts.received += 1;
    counts[FIELD[outcome.status]] += 1;
  }

  setDlq(connector: string, depth: number): void {
    const counts = this.counts.get(connector);
    if (counts) counts.dlq = depth;
  }

  /** One line per connector: `[abuseipdb] received 12 · enriched 9 · no data 1 · ... · cached 3 · waiting 0 · DLQ 0`. */
  summaryLines(): string[] {
    return [...this.counts].map(
      ([name, c]) =>
        `[${name}] received ${c.received} · enriched ${c.enriched} · no data ${c.noData} · skipped ${c.skipped} · retried ${c.retried} · failed ${c.failed + c.malformed}${c.comingBack ? ` · coming back ${c.comingBack}` : ''} · cached ${c.cacheHits} · waiting ${c.waiting} · DLQ ${c.dlq}`,
    );
  }
}

/** Whether an outcome gets a line: not a waiting record's further hops, nor a copy passed on to the DLQ (its last attempt had a line). */
export const printsOutcome = (o: RecordOutcome): boolean =>
  o.status !== 'dead-letter' && !(o.status === 'waiting' && o.waitingSince !== undefined);

/** One readable line per finished work: entity, outcome, objects added, time taken. */
export function outcomeLine(connector: string, o: RecordOutcome): string {
  const entity = o.entityType ? `${o.entityType} ${o.entityName ?? o.entityId}` : `message ${o.messageId}`;
  const retry = o.status === 'retry' ? ` (next try in ${o.retryInSeconds}s)` : '';
  return `[${connector}] ${entity}: ${o.status} - ${o.message}${retry} (${o.durationMs} ms)`;
}

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
  dlq: number;
}

const FIELD: Record<RecordOutcome['status'], keyof ConnectorCounts> = {
  enriched: 'enriched',
  'no-data': 'noData',
  skipped: 'skipped',
  retry: 'retried',
  failed: 'failed',
  malformed: 'malformed',
  'come-back': 'comingBack',
};

/** Counts what each connector did, and turns outcomes into lines a person can follow. */
export class LocalStats {
  readonly counts = new Map<string, ConnectorCounts>();

  constructor(names: readonly string[]) {
    for (const name of names)
      this.counts.set(name, {
        received: 0,
        enriched: 0,
        noData: 0,
        skipped: 0,
        retried: 0,
        failed: 0,
        malformed: 0,
        comingBack: 0,
        dlq: 0,
      });
  }

  record(connector: string, outcome: RecordOutcome): void {
    const counts = this.counts.get(connector);
    if (!counts) return;
    counts.received += 1;
    counts[FIELD[outcome.status]] += 1;
  }

  setDlq(connector: string, depth: number): void {
    const counts = this.counts.get(connector);
    if (counts) counts.dlq = depth;
  }

  /** One line per connector: `[abuseipdb] received 12 · enriched 9 · no data 1 · ...`. */
  summaryLines(): string[] {
    return [...this.counts].map(
      ([name, c]) =>
        `[${name}] received ${c.received} · enriched ${c.enriched} · no data ${c.noData} · skipped ${c.skipped} · retried ${c.retried} · failed ${c.failed + c.malformed}${c.comingBack ? ` · coming back ${c.comingBack}` : ''} · DLQ ${c.dlq}`,
    );
  }
}

/** One readable line per finished work: entity, outcome, objects added, time taken. */
export function outcomeLine(connector: string, o: RecordOutcome): string {
  const entity = o.entityType ? `${o.entityType} ${o.entityName ?? o.entityId}` : `message ${o.messageId}`;
  const retry = o.status === 'retry' ? ` (next try in ${o.retryInSeconds}s)` : '';
  return `[${connector}] ${entity}: ${o.status} - ${o.message}${retry} (${o.durationMs} ms)`;
}

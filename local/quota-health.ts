import type { ConnectorConfig } from '../shared/config/connector-config';
import type { QuotaPolicy, QuotaStore, QuotaUsage } from '../shared/quota/quota-store';
import type { LocalStats } from './stats';

/** One connector's quota in `GET /health` (local mode). */
export interface ConnectorQuotaHealth {
  /** `<SERVICE>_RATE_LIMIT` as set (`20/10s`), or `none`. */
  rateLimit: string;
  /** Each window: calls counted now, what manual and auto enrichments may make, when the oldest call leaves it. */
  windows: Array<{ window: string; used: number; limit: number; autoLimit: number; resetsAt?: string }>;
  /** While the vendor's pause runs. */
  pausedUntil?: string;
  /** A call is checking whether the vendor accepts calls again. */
  probing: boolean;
  cache: { ttlSeconds: number; hits: number; misses: number };
  /** Records waiting for the quota or the vendor right now. */
  waiting: number;
}

interface Watched {
  id: string;
  name: string;
  policy: QuotaPolicy;
  cacheTtlSeconds: number;
  rateLimit: string;
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/**
 * The quota part of the local health report. The store answers asynchronously and the health
 * report is built synchronously, so the windows are read every `intervalMs` (a second by default)
 * and the report shows the latest reading; the counts come from the run's statistics.
 */
export class QuotaHealth {
  readonly #usage = new Map<string, QuotaUsage>();
  readonly #watched: Watched[];
  #timer?: NodeJS.Timeout;

  constructor(
    private readonly store: QuotaStore,
    connectors: ReadonlyArray<{ config: ConnectorConfig }>,
    private readonly stats: LocalStats,
  ) {
    this.#watched = connectors.map(({ config }) => ({
      id: config.connector.id,
      name: config.connector.name,
      policy: { windows: config.service.quota.rateLimit, manualReserve: config.service.quota.manualReserve },
      cacheTtlSeconds: config.service.quota.cacheTtlSeconds,
      rateLimit: config.service.quota.rateLimit.map((w) => w.label).join(',') || 'none',
    }));
  }

  /** Reads every connector's windows now. */
  async refresh(): Promise<void> {
    for (const c of this.#watched) this.#usage.set(c.id, await this.store.usage(c.id, c.policy));
  }

  /** Keeps the reading fresh until {@link stop}; a failed reading keeps the previous one and says why once. */
  start(intervalMs = 1_000, onError: (error: Error) => void = () => undefined): void {
    let failing = false;
    this.#timer = setInterval(() => {
      this.refresh().then(
        () => (failing = false),
        (error: Error) => {
          if (!failing) onError(error);
          failing = true;
        },
      );
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** The report of one connector, or undefined for an unknown id. */
  of(connectorId: string): ConnectorQuotaHealth | undefined {
    const c = this.#watched.find((w) => w.id === connectorId);
    if (!c) return undefined;
    const usage = this.#usage.get(connectorId);
    const counts = this.stats.counts.get(c.name);
    return {
      rateLimit: c.rateLimit,
      windows: (usage?.windows ?? []).map((w) => ({ ...w, resetsAt: iso(w.resetsAt) })),
      ...(usage?.pausedUntil === undefined ? {} : { pausedUntil: iso(usage.pausedUntil) }),
      probing: usage?.probing ?? false,
      cache: { ttlSeconds: c.cacheTtlSeconds, hits: counts?.cacheHits ?? 0, misses: counts?.cacheMisses ?? 0 },
      waiting: counts?.waiting ?? 0,
    };
  }
}

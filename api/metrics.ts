// Prometheus metrics of the API process: Node defaults, request durations per route, and the
// domain figures the people on call watch (db/operations.ts). Those are read on scrape, at most
// once per cache period, so several Prometheus servers or a short interval cost one set of queries.
import type { RequestHandler } from 'express';
import type pg from 'pg';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { readOperationalFigures, type OperationalFigures } from '../db/operations';
import { outboxChannels } from '../db/outbox';
import { openStatuses } from '../domain/report';

export interface Metrics {
  registry: Registry;
  middleware: RequestHandler;
}

export interface MetricsDeps {
  pool: pg.Pool;
  /** how long one reading of the domain figures serves scrapes */
  figuresCacheMs: number;
}

export function createMetrics(deps?: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'pakn_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const middleware: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () =>
      end({ method: req.method, route: req.route?.path ?? 'unmatched', status: String(res.statusCode) }),
    );
    next();
  };
  if (deps)
    registerDomainGauges(
      registry,
      cached(deps.figuresCacheMs, () => readOperationalFigures(deps.pool)),
    );
  return { registry, middleware };
}

/** One reading shared by every caller for `ttlMs`; a failed reading is not kept. */
function cached<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let reading: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!reading || Date.now() - reading.at >= ttlMs) {
      const value = load();
      reading = { at: Date.now(), value };
      value.catch(() => (reading = undefined));
    }
    return reading.value;
  };
}

function registerDomainGauges(registry: Registry, figures: () => Promise<OperationalFigures>): void {
  const gauge = (name: string, help: string, labelNames: string[], set: (g: Gauge, f: OperationalFigures) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        // A database that does not answer shows as pakn_figures_up 0, not as a failed scrape.
        const f = await figures().catch(() => undefined);
        if (f) set(this, f);
      },
    });
  new Gauge({
    name: 'pakn_figures_up',
    help: '1 if the last reading of the domain figures from PostgreSQL succeeded',
    registers: [registry],
    async collect() {
      try {
        await figures();
        this.set(1);
      } catch {
        this.set(0);
      }
    },
  });
  gauge('pakn_reports_open', 'Open reports by status', ['status'], (g, f) => {
    for (const status of openStatuses) g.set({ status }, f.open.find((row) => row.status === status)?.reports ?? 0);
  });
  gauge('pakn_reports_overdue', 'Open reports past their deadline', [], (g, f) =>
    g.set(f.open.reduce((sum, row) => sum + row.overdue, 0)),
  );
  gauge('pakn_triage_oldest_wait_seconds', 'How long the report waiting longest in triage has waited', [], (g, f) =>
    g.set(f.triageOldestSeconds),
  );
  gauge('pakn_outbox_pending', 'Outbox messages queued or being sent, by channel', ['channel'], (g, f) => {
    for (const channel of outboxChannels) g.set({ channel }, f.outbox.find((r) => r.channel === channel)?.pending ?? 0);
  });
  gauge('pakn_outbox_failed', 'Outbox messages that failed for good, by channel', ['channel'], (g, f) => {
    for (const channel of outboxChannels) g.set({ channel }, f.outbox.find((r) => r.channel === channel)?.failed ?? 0);
  });
  gauge('pakn_reconcile_backlog', 'Reports accepted without a workflow yet (the reconciler starts them)', [], (g, f) =>
    g.set(f.unstarted.reports),
  );
  gauge('pakn_reconcile_oldest_seconds', 'Age of the oldest report still without a workflow', [], (g, f) =>
    g.set(f.unstarted.oldestSeconds),
  );
}

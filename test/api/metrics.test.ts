// What the people on call see: both Prometheus endpoints (the API's /metrics and the worker's,
// served by the Temporal SDK runtime) serve the series that docs/alerts.yml and
// docs/grafana-dashboard.json use, and those series move when a report goes through. The SMS
// gateway is a closed port, so deliveries fail and retry as they would with a provider down.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/globalSetup';
import { eventually, quietRuntime, startTestSystem, type TestSystem } from '../support/system';
import { submitRouted, triaged } from '../support/reports';

let system: TestSystem;
let workerMetricsUrl: string;
beforeAll(async () => {
  const port = await freePort();
  workerMetricsUrl = `http://127.0.0.1:${port}/metrics`;
  quietRuntime(`127.0.0.1:${port}`);
  system = await startTestSystem({
    METRICS_FIGURES_CACHE_SECONDS: '0',
    SMS_PROVIDER: 'http',
    SMS_HTTP_URL: `http://127.0.0.1:${await freePort()}/sms`,
  });
});
afterAll(async () => system?.stop());

/** Prometheus text format → the sum of each series name's samples matching `labels`. */
async function scrape(url: string, labels: Record<string, string> = {}): Promise<Map<string, number>> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const sums = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)/.exec(line);
    if (!match) continue;
    const [, name, labelText = '', value] = match;
    if (!Object.entries(labels).every(([key, wanted]) => labelText.includes(`${key}="${wanted}"`))) continue;
    sums.set(name, (sums.get(name) ?? 0) + Number(value));
  }
  return sums;
}

const apiMetrics = (labels?: Record<string, string>) => scrape(`${system.baseUrl}/metrics`, labels);

/** Every series name an expression in the alert rules or the dashboard uses. */
function seriesNamedInDocs(): string[] {
  const docs = ['alerts.yml', 'grafana-dashboard.json'].map((file) =>
    readFileSync(path.join(__dirname, '../../docs', file), 'utf8'),
  );
  const names = docs.flatMap((text) => [...text.matchAll(/\b((?:pakn|temporal)_[a-z_]+)\b/g)].map((m) => m[1]));
  return [...new Set(names)].sort();
}

describe('metrics', () => {
  it('when a report is routed, then the open-report and outbox figures and the worker task counters move', async () => {
    const before = await apiMetrics({ status: 'assigned' });
    const workerBefore = await scrape(workerMetricsUrl);

    await submitRouted(system, {
      categoryCode: 'WASTE',
      description: 'Rác thải tồn đọng trên vỉa hè nhiều ngày, cần thu gom.',
      location: { wardCode: 'P-SAIGON', address: '12 Lê Lợi' },
      // No SMTP in tests: the acknowledgement e-mail fails for good and shows as a failed outbox message.
      reporter: { phone: '0912 345 678', email: 'binh@example.com' },
    });

    const after = await apiMetrics({ status: 'assigned' });
    expect(after.get('pakn_reports_open')).toBe((before.get('pakn_reports_open') ?? 0) + 1);
    await eventually(
      async () => ((await apiMetrics({ channel: 'email' })).get('pakn_outbox_failed') ?? 0) >= 1,
      30_000,
      'failed e-mail counted',
    );
    const figures = await apiMetrics();
    expect(figures.get('pakn_figures_up')).toBe(1);
    expect(figures.get('pakn_http_request_duration_seconds_count')).toBeGreaterThan(0);

    await eventually(
      async () => ((await apiMetrics({ channel: 'sms' })).get('pakn_outbox_pending') ?? 0) >= 1,
      30_000,
      'SMS waiting for the gateway counted',
    );
    const workerAfter = await eventually(
      async () => {
        const scraped = await scrape(workerMetricsUrl);
        return (scraped.get('temporal_activity_execution_failed_total') ?? 0) > 0 && scraped;
      },
      30_000,
      'failed SMS attempt counted by the worker',
    );
    for (const counter of [
      'temporal_workflow_task_execution_latency_count',
      'temporal_activity_execution_latency_count',
    ])
      expect(workerAfter.get(counter) ?? 0, counter).toBeGreaterThan(workerBefore.get(counter) ?? 0);
  });

  it('when a workflow task fails (here: a workflow type no worker knows), then the worker counts it', async () => {
    const handle = await system.client.workflow.start('noSuchWorkflow', {
      taskQueue: system.config.taskQueue,
      workflowId: `metrics-wedged-${Date.now()}`,
      args: [],
    });
    try {
      await eventually(
        async () => ((await scrape(workerMetricsUrl)).get('temporal_workflow_task_execution_failed_total') ?? 0) > 0,
        30_000,
        'failed workflow task counted',
      );
    } finally {
      await handle.terminate('test over');
    }
  });

  it('when a report waits in triage, then the triage count and the longest wait show it', async () => {
    await triaged(system);
    const figures = await apiMetrics({ status: 'triage' });
    expect(figures.get('pakn_reports_open')).toBeGreaterThanOrEqual(1);
    const all = await apiMetrics();
    expect(all.get('pakn_triage_oldest_wait_seconds')).toBeGreaterThan(0);
  });

  // Last: the failure counters appear only once something has failed (the tests above make both kinds fail).
  it('then every series the alert rules and the dashboard name is served by the API or the worker', async () => {
    const served = new Set([...(await apiMetrics()).keys(), ...(await scrape(workerMetricsUrl)).keys()]);
    // Histograms are named by their base in PromQL (..._bucket, _sum, _count are served).
    const missing = seriesNamedInDocs().filter(
      (name) => !served.has(name) && !['_bucket', '_count', '_sum'].some((suffix) => served.has(name + suffix)),
    );
    expect(missing).toEqual([]);
  });
});

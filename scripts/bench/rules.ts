// Routing-rule dry-run at scale, run by `npm run bench` (section `rules`): fills a scratch database
// with a month of reports (50,000 by default), each with its recorded first routing decision, stores
// a draft that moves ward waste to the environment department, and times
// POST /api/v1/admin/rule-sets/{version}/dry-run over the last 30 days through the real app.
// Baselines in the same run: reading the window alone, and routing with one fresh Engine per report
// (what production routing costs), measured on a sample and scaled to the window.
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import pino from 'pino';
import seedRuleSet from '../../rules/ruleset.json';
import { buildApp } from '../../api/app';
import { signStaffToken } from '../../api/auth';
import { loadConfig } from '../../config';
import { createPool } from '../../db/pool';
import { insertDraftRuleSet, listReportsForReplay } from '../../db/ruleSets';
import { loadCategorySlas } from '../../db/categories';
import { decideRoute, routingFacts, validateRuleSet } from '../../rules/evaluate';
import { round } from './measure';

export interface RulesBenchOptions {
  databaseUrl: string;
  reports: number;
  log: (line: string) => void;
}

const dayMs = 86_400_000;

/** Reports over the last 30 days, spread over wards and categories, each with a 'routed' or 'triaged' first step. */
async function fillMonth(pool: ReturnType<typeof createPool>, count: number): Promise<void> {
  await pool.query('SELECT setseed(0.17)');
  await pool.query(
    `WITH wards AS (SELECT array_agg(code ORDER BY code) AS codes FROM units
                     WHERE type IN ('ward', 'commune', 'special_zone') AND valid_to IS NULL),
          cats AS (SELECT array_agg(code ORDER BY code) AS codes FROM categories),
          texts AS (SELECT ARRAY['Rác tồn đọng nhiều ngày', 'Cây đổ chắn ngang đường', 'Dây điện bị đứt',
                                 'Ngập sâu sau mưa', 'Karaoke ồn ào về đêm', 'Ổ gà lớn giữa đường'] AS t),
          made AS (
            INSERT INTO reports (id, code, category_code, description, ward_code, channel, submitted_at, status)
            SELECT gen_random_uuid(), 'BR-' || lpad(g::text, 7, '0'),
                   cats.codes[1 + floor(random() * cardinality(cats.codes))::int],
                   texts.t[1 + floor(random() * 6)::int] || ' (' || g || ')',
                   CASE WHEN random() < 0.85 THEN wards.codes[1 + floor(random() * cardinality(wards.codes))::int] END,
                   (ARRAY['web', 'hotline', 'open311'])[1 + floor(random() * 3)::int],
                   now() - random() * interval '29 days', 'assigned'
              FROM generate_series(1, $1) g, wards, cats, texts
            RETURNING id, ward_code, submitted_at)
     INSERT INTO report_events (report_id, seq, at, type, details)
     SELECT id, 1, submitted_at, CASE WHEN ward_code IS NULL THEN 'triaged' ELSE 'routed' END,
            CASE WHEN ward_code IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('unitCode', ward_code) END
       FROM made`,
    [count],
  );
  await pool.query('VACUUM ANALYZE reports');
  await pool.query('VACUUM ANALYZE report_events');
}

export async function benchRules(options: RulesBenchOptions): Promise<Record<string, unknown>> {
  const pool = createPool(options.databaseUrl, 4);
  const config = loadConfig({ DATABASE_URL: options.databaseUrl, LOG_LEVEL: 'silent' });
  // The admin routes never touch Temporal.
  const app = buildApp({ pool, temporal: {} as Client, config, logger: pino({ level: 'silent' }) });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  try {
    options.log(`  filling ${options.reports} reports over 30 days…`);
    let started = performance.now();
    await fillMonth(pool, options.reports);
    const fillSeconds = round((performance.now() - started) / 1000);

    const draftRules = structuredClone(seedRuleSet.rules) as {
      name: string;
      event: { params: { unitCode?: string } };
    }[];
    draftRules.find((rule) => rule.name === 'waste in a ward goes to the ward')!.event.params.unitCode = 'SNNMT';
    const draft = await insertDraftRuleSet(pool, {
      note: 'bench draft',
      createdBy: 'bench',
      build: (version) => validateRuleSet({ ...seedRuleSet, version, rules: draftRules }),
    });

    const to = new Date();
    const from = new Date(to.getTime() - 30 * dayMs);
    started = performance.now();
    const rows = await listReportsForReplay(pool, from, to);
    const readSeconds = round((performance.now() - started) / 1000, 2);

    const sample = rows.slice(0, 300);
    const active = validateRuleSet(seedRuleSet);
    started = performance.now();
    const categorySlas = await loadCategorySlas(pool);
    for (const row of sample) await decideRoute(active, routingFacts(row, row.category_kind), [], categorySlas);
    const freshEngineMsPerReport = (performance.now() - started) / sample.length;

    const token = await signStaffToken(config, { sub: 'bench-admin', role: 'admin', unit: 'HCM' });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/admin/rule-sets/${draft.version}/dry-run`;
    options.log('  dry-run over the window…');
    started = performance.now();
    const reply = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: from.toISOString(), to: to.toISOString() }),
    });
    const dryRunSeconds = round((performance.now() - started) / 1000, 2);
    const body = (await reply.json()) as Record<string, unknown>;
    if (reply.status !== 200) throw new Error(`dry-run answered ${reply.status}: ${JSON.stringify(body)}`);
    const figures = {
      reports: rows.length,
      fillSeconds,
      dryRunSeconds,
      changed: body.changed,
      evaluation: body.evaluation,
      baselineReadWindowSeconds: readSeconds,
      baselineFreshEngineMsPerReport: round(freshEngineMsPerReport, 2),
      baselineFreshEngineWindowSeconds: round((freshEngineMsPerReport * rows.length) / 1000, 1),
    };
    console.table({ 'rules dry-run': figures });
    return figures;
  } finally {
    server.close();
    await pool.end();
  }
}

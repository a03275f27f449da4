// Routing rules for admins — list the versions, store a draft (validated, naming the rule and the
// field at fault), dry-run it over real reports, publish it (publishing an older one rolls back) —
// and, for staff, why a report was routed where it was. Rule sets are city-wide, so only an admin
// of the city's root unit may change them. Every POST is audited by the route table.
import { z } from 'zod';
import { loadCategorySlas } from '../../db/categories';
import { findCategoryKind, findUnit, listUnits } from '../../db/reference';
import { listTimeline } from '../../db/reports';
import {
  findRuleSet,
  insertDraftRuleSet,
  listReportsForReplay,
  listRuleSets,
  publishRuleSet,
  type RuleSetRow,
} from '../../db/ruleSets';
import type { StaffActor } from '../../domain/roles';
import { inScope } from '../../domain/roles';
import { InvalidRuleSet, routingFacts, validateRuleSet, WARD_UNIT, type RuleSet } from '../../rules/evaluate';
import { dryRun } from '../../rules/dryRun';
import { explainRoute } from '../../rules/explain';
import type { AppDeps } from '../deps';
import { forbidden, invalidRuleSet, notFound, outsideScope, validationFailed } from '../errors';
import { loadReport } from '../../usecases/reportActions';
import type { RouteTable } from '../routeTable';

const admins = ['admin'] as const;
const readerRoles = ['unit_staff', 'unit_head', 'leader', 'coordinator', 'admin'] as const;
const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time with offset' });
const dayMs = 86_400_000;

const ruleSetSummary = z
  .object({
    version: z.number(),
    note: z.string(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    active: z.boolean(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
    ruleCount: z.number(),
  })
  .openapi('RuleSetSummary');

const draftBody = z
  .object({
    note: z.string().trim().max(2000).default(''),
    defaults: z.record(z.string(), z.unknown()),
    rules: z.array(z.record(z.string(), z.unknown())).max(2000),
  })
  .strict()
  .openapi('RuleSetDraft', { description: 'json-rules-engine rules plus defaults, as in rules/ruleset.json' });

const dryRunBody = z
  .object({ from: instant.optional(), to: instant.optional() })
  .strict()
  .openapi('DryRunWindow', { description: 'submission window; default the last 30 days' });

const dryRunResult = z
  .object({
    version: z.number(),
    activeVersion: z.number().nullable(),
    from: z.string(),
    to: z.string(),
    reports: z.number(),
    changed: z.number(),
    toTriage: z.number(),
    fromTriage: z.number(),
    moves: z.array(z.object({ from: z.string(), to: z.string(), count: z.number() })),
    examples: z.array(z.object({ code: z.string(), from: z.string(), to: z.string(), rule: z.string().nullable() })),
    evaluation: z.enum(['compiled', 'engine']),
    elapsedMs: z.number(),
  })
  .openapi('DryRunResult');

const conditionCheck = z.object({
  fact: z.string(),
  operator: z.string(),
  value: z.unknown(),
  factValue: z.unknown(),
  holds: z.boolean(),
});
const slaClock = z.object({
  duration: z.string(),
  source: z.enum(['rule', 'category', 'defaults']).openapi({
    description: "rule: the route rule's own clock; category: the report's category's SLA; defaults: the rule set's",
  }),
});
const routingExplanation = z
  .object({
    code: z.string(),
    facts: z.record(z.string(), z.unknown()),
    ruleVersion: z.number().nullable(),
    recorded: z
      .object({ type: z.string(), at: z.string(), unitCode: z.string().nullable(), ruleName: z.string().nullable() })
      .nullable(),
    excludedUnits: z.array(z.string()),
    decision: z.object({
      kind: z.string(),
      unitCode: z.string().nullable(),
      ruleName: z.string().nullable(),
      sla: z.object({ accept: slaClock, resolve: slaClock }).nullable(),
    }),
    rules: z.array(
      z.object({
        name: z.string(),
        priority: z.number(),
        verdict: z.enum(['fired', 'unmet', 'excluded', 'no_ward']),
        failed: z.array(conditionCheck),
      }),
    ),
  })
  .openapi('RoutingExplanation');

const versionParam = (value: string): number => {
  const version = Number(value);
  if (!Number.isInteger(version) || version < 1) throw notFound('rule set');
  return version;
};
const iso = (at: Date | null) => (at ? at.toISOString() : null);
const summaryView = (row: RuleSetRow) => ({
  version: row.version,
  note: row.note,
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by,
  active: row.active,
  publishedAt: iso(row.published_at),
  publishedBy: row.published_by,
  ruleCount: row.rule_count,
});

function requireCityAdmin(staff: StaffActor): void {
  if (staff.unitPath.split('/').filter(Boolean).length !== 1)
    throw forbidden('rule sets are city-wide: only an admin of the city may change them', [
      { field: 'unit', message: `admin of ${staff.unitCode}, not of the city` },
    ]);
}

export function addRuleSetRoutes(table: RouteTable, deps: AppDeps): void {
  /** Validates the draft as the engine will read it, and checks that every unit it names exists. */
  async function checkDraft(draft: z.infer<typeof draftBody>): Promise<RuleSet> {
    let ruleSet: RuleSet;
    try {
      ruleSet = validateRuleSet({ version: 1, ...draft });
    } catch (error) {
      if (error instanceof InvalidRuleSet) throw invalidRuleSet(error.where, error.problem);
      throw error;
    }
    const units = new Set((await listUnits(deps.pool)).map((unit) => unit.code));
    for (const rule of ruleSet.rules) {
      if (rule.event.type !== 'route' || rule.event.params.unitCode === WARD_UNIT) continue;
      if (!units.has(rule.event.params.unitCode))
        throw invalidRuleSet(
          `rule "${rule.name}" event.params.unitCode`,
          `unknown unit "${rule.event.params.unitCode}"`,
        );
    }
    return ruleSet;
  }

  async function loadVersion(version: number): Promise<RuleSet> {
    const stored = await findRuleSet(deps.pool, version);
    if (!stored) throw notFound('rule set');
    return validateRuleSet(stored.rules);
  }

  table.add({
    method: 'get',
    path: '/api/v1/admin/rule-sets',
    tag: 'admin',
    access: admins,
    summary: 'Routing rule set versions, newest first, and which one is active',
    responses: { 200: { description: 'versions', schema: z.object({ items: z.array(ruleSetSummary) }) } },
    async handle() {
      return { status: 200, body: { items: (await listRuleSets(deps.pool)).map(summaryView) } };
    },
  });

  table.add({
    method: 'get',
    path: '/api/v1/admin/rule-sets/:version',
    tag: 'admin',
    access: admins,
    summary: 'One version: its summary and its rules and defaults, as stored',
    responses: {
      200: {
        description: 'the version',
        schema: ruleSetSummary.extend({ ruleSet: z.record(z.string(), z.unknown()) }).openapi('RuleSetVersion'),
      },
    },
    async handle({ params }) {
      const version = versionParam(params.version);
      const row = (await listRuleSets(deps.pool)).find((candidate) => candidate.version === version);
      if (!row) throw notFound('rule set');
      return { status: 200, body: { ...summaryView(row), ruleSet: await loadVersion(version) } };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/admin/rule-sets',
    tag: 'admin',
    access: admins,
    summary: 'Store a draft rule set as the next version (not active until published)',
    body: draftBody,
    responses: {
      201: { description: 'the draft', schema: ruleSetSummary },
      422: { description: 'invalid rule set: the offending rule and field are named' },
    },
    async handle({ body, staff }) {
      requireCityAdmin(staff);
      const checked = await checkDraft(body);
      const row = await insertDraftRuleSet(deps.pool, {
        note: body.note,
        createdBy: staff.id,
        build: (version) => ({ ...checked, version, note: body.note }),
      });
      return { status: 201, body: summaryView(row) };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/admin/rule-sets/:version/dry-run',
    tag: 'admin',
    access: admins,
    summary: 'Replay a version over the reports of a window: what would route differently, changing nothing',
    body: dryRunBody,
    responses: { 200: { description: 'the differences', schema: dryRunResult } },
    async handle({ params, body, staff }) {
      requireCityAdmin(staff);
      const version = versionParam(params.version);
      const draft = await loadVersion(version);
      const to = body.to ? new Date(body.to) : new Date();
      const from = body.from ? new Date(body.from) : new Date(to.getTime() - 30 * dayMs);
      if (from >= to)
        throw validationFailed([{ field: 'from', message: 'must be before "to"' }], '"from" must be before "to"');
      const started = performance.now();
      const [rows, categorySlas] = await Promise.all([
        listReportsForReplay(deps.pool, from, to),
        loadCategorySlas(deps.pool),
      ]);
      const result = await dryRun(
        draft,
        rows.map((row) => ({
          code: row.code,
          facts: routingFacts(row, row.category_kind),
          recorded:
            row.decision_type === 'routed'
              ? row.decision_unit
              : row.decision_type === 'triaged'
                ? 'triage'
                : row.decision_type === 'rejected'
                  ? 'rejected'
                  : null,
        })),
        categorySlas,
      );
      const active = (await listRuleSets(deps.pool)).find((row) => row.active);
      return {
        status: 200,
        body: {
          version,
          activeVersion: active?.version ?? null,
          from: from.toISOString(),
          to: to.toISOString(),
          ...result,
          elapsedMs: Math.round(performance.now() - started),
        },
      };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/admin/rule-sets/:version/publish',
    tag: 'admin',
    access: admins,
    summary: 'Make a version the active one for new routing and transfers (an older version: roll back)',
    responses: { 200: { description: 'now active', schema: ruleSetSummary } },
    async handle({ params, staff }) {
      requireCityAdmin(staff);
      const version = versionParam(params.version);
      await loadVersion(version);
      const row = await publishRuleSet(deps.pool, version, staff.id);
      if (!row) throw notFound('rule set');
      return { status: 200, body: summaryView(row) };
    },
  });

  table.add({
    method: 'get',
    path: '/api/v1/reports/:code/routing',
    tag: 'tasks',
    access: readerRoles,
    summary:
      'Why the report went where it did: its facts, the rule set version, the rule that fired and why the ones before it did not',
    responses: { 200: { description: 'the explanation', schema: routingExplanation } },
    async handle({ params, staff }) {
      const report = await loadReport(deps, params.code);
      const unit = report.unit_code ? await findUnit(deps.pool, report.unit_code) : undefined;
      if (!(staff.role === 'coordinator' || staff.role === 'admin' || inScope(staff, unit?.path ?? null)))
        throw outsideScope('this report is outside your scope', 'code');
      const timeline = await listTimeline(deps.pool, report.id);
      const decisions = timeline.filter((entry) => ['routed', 'triaged', 'rejected'].includes(entry.type));
      const recorded = decisions.at(-1) ?? null;
      const excludedUnits = timeline
        .filter((entry) => entry.type === 'transferred' && (!recorded || entry.seq < recorded.seq))
        .map((entry) => String(entry.details.fromUnit));
      const ruleVersion = Number(recorded?.details.ruleVersion ?? report.rule_version) || null;
      const ruleSet = ruleVersion ? await loadVersion(ruleVersion) : validateRuleSet((await activeOrNull())!);
      const facts = routingFacts(report, await findCategoryKind(deps.pool, report.category_code));
      const explanation = await explainRoute(ruleSet, facts, excludedUnits, await loadCategorySlas(deps.pool));
      const decision = explanation.decision;
      return {
        status: 200,
        body: {
          code: report.code,
          facts,
          ruleVersion: ruleSet.version,
          recorded: recorded && {
            type: recorded.type,
            at: recorded.at.toISOString(),
            unitCode: (recorded.details.unitCode as string | undefined) ?? null,
            ruleName: (recorded.details.ruleName as string | undefined) ?? null,
          },
          excludedUnits,
          decision: {
            kind: decision.kind,
            unitCode: decision.kind === 'route' ? decision.unitCode : null,
            ruleName: decision.kind === 'triage' ? null : decision.ruleName,
            sla: explanation.sla,
          },
          rules: explanation.rules,
        },
      };
    },
  });

  async function activeOrNull(): Promise<unknown> {
    const active = (await listRuleSets(deps.pool)).find((row) => row.active);
    return active ? (await findRuleSet(deps.pool, active.version))!.rules : null;
  }
}

// Leaders' directives: issue one on a report or a set of open reports within the leader's scope,
// read its progress per unit and per target, and let a targeted unit acknowledge it. Issuing
// starts the directive workflow, which reaches the report workflows; reads come from the database.
import { randomUUID } from 'node:crypto';
import {
  countDirectiveTargets,
  findDirective,
  listDirectiveTargets,
  listDirectiveUnits,
  type DirectiveRow,
} from '../../db/directives';
import { findCategory, findUnit } from '../../db/reference';
import type { DirectiveTarget } from '../../domain/directive';
import { caseRoles, inScope, unitRoles, type StaffActor } from '../../domain/roles';
import { issueDirective } from '../../temporal/directives';
import { acknowledgeUpdate, directiveWorkflowId } from '../../workflows/directive/messages';
import type { AppDeps } from '../deps';
import { conflict, invalid, invalidReference, noTargets, notFound, outsideScope, tooManyTargets } from '../errors';
import {
  directiveBody,
  directiveIssued,
  directivePreviewBody,
  directiveReach,
  directiveView,
} from '../leadershipSchemas';
import { loadReport } from '../../usecases/reportActions';
import { withinTemporalWait } from '../temporalWait';
import type { RouteTable } from '../routeTable';
import { isWard } from '../../domain/units';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const outside = (field: string) => outsideScope('the target is outside your scope', field);
const unknown = (field: string, what: string) => invalidReference([{ field, message: `unknown ${what}` }]);

export function addDirectiveRoutes(table: RouteTable, deps: AppDeps): void {
  /** Refuses a target naming anything outside the leader's subtree (403) or anything unknown (404 / 422). */
  async function checkTarget(leader: StaffActor, target: DirectiveTarget): Promise<void> {
    if ('reportCode' in target) {
      const report = await loadReport(deps, target.reportCode);
      const unit = report.unit_code ? await findUnit(deps.pool, report.unit_code) : undefined;
      if (unit && !inScope(leader, unit.path)) throw outside('target.reportCode');
      return;
    }
    if (target.unitCode) {
      const unit = await findUnit(deps.pool, target.unitCode);
      if (!unit) throw unknown('target.unitCode', 'unit');
      if (!inScope(leader, unit.path)) throw outside('target.unitCode');
    }
    if (target.wardCode) {
      const ward = await findUnit(deps.pool, target.wardCode);
      if (!ward || !isWard(ward)) throw unknown('target.wardCode', 'ward');
      if (!inScope(leader, ward.path)) throw outside('target.wardCode');
    }
    if (target.categoryCode && !(await findCategory(deps.pool, target.categoryCode)))
      throw unknown('target.categoryCode', 'category');
  }

  /** How many open reports in the leader's scope the target matches now. */
  const reach = (leader: StaffActor, target: DirectiveTarget) =>
    countDirectiveTargets(deps.pool, { scopePath: leader.unitPath, target, asOf: new Date() });

  table.add({
    method: 'post',
    path: '/api/v1/directives/preview',
    tag: 'directives',
    access: ['leader'],
    body: directivePreviewBody,
    summary: 'How many open reports a directive with this target would reach now (nothing is sent)',
    responses: {
      200: { description: 'the count', schema: directiveReach },
      400: { description: 'invalid body' },
      401: { description: 'no token' },
      403: { description: 'not a leader, or the target is outside your scope' },
      404: { description: 'unknown report' },
      422: { description: 'unknown reference' },
    },
    async handle({ body, staff }) {
      await checkTarget(staff, body.target);
      return { status: 200, body: { targets: await reach(staff, body.target) } };
    },
  });

  async function loadDirective(id: string): Promise<DirectiveRow> {
    const directive = uuid.test(id) ? await findDirective(deps.pool, id) : undefined;
    if (!directive) throw notFound('directive');
    return directive;
  }

  table.add({
    method: 'post',
    path: '/api/v1/directives',
    tag: 'directives',
    access: ['leader'],
    body: directiveBody,
    summary:
      'Issue a directive on one report or on the open reports of a unit / ward / category (overdue only, if asked)',
    responses: {
      201: { description: 'issued: every target is being reached', schema: directiveIssued },
      400: { description: 'invalid body' },
      401: { description: 'no token' },
      403: { description: 'not a leader, or the target is outside your scope' },
      404: { description: 'unknown report' },
      422: { description: 'unknown reference, due time past, or no open report matches' },
    },
    async handle({ body, staff }) {
      const leader = staff;
      await checkTarget(leader, body.target);
      const dueAt = body.due ? Date.parse(body.due) : null;
      if (dueAt !== null && dueAt <= Date.now())
        throw invalid([{ field: 'due', message: 'in the past' }], 'the due time must be in the future');
      const matching = await reach(leader, body.target);
      if (matching === 0) throw noTargets();
      if (matching > deps.config.directiveMaxTargets) throw tooManyTargets(matching, deps.config.directiveMaxTargets);
      const issued = await withinTemporalWait(deps, () =>
        issueDirective(deps.temporal, deps.config.taskQueue, {
          directiveId: randomUUID(),
          leader,
          target: body.target,
          instruction: body.instruction,
          dueAt,
          defaultDue: deps.config.directiveDue,
          maxTargets: deps.config.directiveMaxTargets,
        }),
      );
      return { status: 201, body: issued };
    },
  });

  table.add({
    method: 'get',
    path: '/api/v1/directives/:id',
    tag: 'directives',
    access: caseRoles,
    summary: 'A directive and its progress: per unit and per target, acknowledged / done / overdue',
    responses: {
      200: { description: 'the directive', schema: directiveView },
      401: { description: 'no token' },
      403: { description: 'not yours to see' },
      404: { description: 'unknown id' },
    },
    async handle({ params, staff }) {
      return { status: 200, body: await directiveProgress(deps, await loadDirective(params.id), staff) };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/directives/:id/ack',
    tag: 'directives',
    access: unitRoles,
    summary: "Acknowledge a directive for the caller's targeted unit",
    responses: {
      200: { description: 'acknowledged; the directive after it', schema: directiveView },
      401: { description: 'no token' },
      403: { description: 'your unit is not targeted' },
      404: { description: 'unknown id' },
      409: { description: 'already acknowledged, or the directive is done' },
    },
    async handle({ params, staff }) {
      const directive = await loadDirective(params.id);
      if (directive.completed_at)
        throw conflict('the directive is done: every target was resolved', [
          { field: 'id', message: 'directive done' },
        ]);
      await withinTemporalWait(deps, () =>
        deps.temporal.workflow
          .getHandle(directiveWorkflowId(directive.id))
          .executeUpdate(acknowledgeUpdate, { args: [{ actor: staff }] }),
      );
      return { status: 200, body: await directiveProgress(deps, directive, staff) };
    },
  });
}

/** The progress view; leaders see directives issued within their scope, units those that target them. */
async function directiveProgress(deps: AppDeps, directive: DirectiveRow, reader: StaffActor) {
  const [units, targets] = await Promise.all([
    listDirectiveUnits(deps.pool, directive.id),
    listDirectiveTargets(deps.pool, directive.id),
  ]);
  const visible =
    reader.role === 'admin' ||
    reader.role === 'coordinator' ||
    (reader.role === 'leader'
      ? inScope(reader, directive.leader_unit_path)
      : units.some((unit) => inScope(reader, unit.unit_path)));
  if (!visible) throw outsideScope('this directive is outside your scope', 'id');
  const now = Date.now();
  const pastDue = now > directive.due_at.getTime();
  const acknowledged = new Set(units.filter((unit) => unit.acknowledged_at).map((unit) => unit.unit_code));
  const targetViews = targets.map((t) => ({
    reportCode: t.report_code,
    unitCode: t.unit_code,
    status: t.status,
    deadlineAt: t.deadline_at?.toISOString() ?? null,
    acknowledged: acknowledged.has(t.unit_code),
    done: t.done_at !== null,
    doneAt: t.done_at?.toISOString() ?? null,
    overdue: t.done_at === null && pastDue,
  }));
  const countsOf = (list: typeof targetViews) => ({
    targets: list.length,
    acknowledged: list.filter((t) => t.acknowledged).length,
    done: list.filter((t) => t.done).length,
    overdue: list.filter((t) => t.overdue).length,
  });
  return {
    id: directive.id,
    instruction: directive.instruction,
    leaderId: directive.leader_id,
    leaderUnitCode: directive.leader_unit_code,
    target: directive.target,
    issuedAt: directive.issued_at.toISOString(),
    dueAt: directive.due_at.toISOString(),
    reachedAt: directive.reached_at?.toISOString() ?? null,
    completedAt: directive.completed_at?.toISOString() ?? null,
    status: directive.completed_at ? ('done' as const) : ('active' as const),
    escalationLevel: directive.escalation_level,
    totals: countsOf(targetViews),
    units: units.map((unit) => ({
      unitCode: unit.unit_code,
      ...countsOf(targetViews.filter((t) => t.unitCode === unit.unit_code)),
      acknowledgedAt: unit.acknowledged_at?.toISOString() ?? null,
      acknowledgedBy: unit.acknowledged_by,
    })),
    targets: targetViews,
  };
}

// Staff endpoints: the unit's task list and actions, the coordinator's triage queue and extension
// decisions. Reads are scoped in SQL; actions go to the workflow, which checks scope again.
import type { ZodType } from 'zod';
import { listPendingExtensions, listTasks, listTimeline, listTriage, type ReportRow } from '../../db/reports';
import type { StaffActor, StaffRole } from '../../domain/roles';
import { caseRoles, coordinatorRoles, hasRole, inScope, unitRoles } from '../../domain/roles';
import * as messages from '../../workflows/report/messages';
import type { AppDeps } from '../deps';
import { invalidReference, outsideScope } from '../errors';
import { actionHeaders, actionUpdateId, loadReport, sendActionOnce } from '../../usecases/reportActions';
import type { RouteTable } from '../routeTable';
import * as schemas from '../schemas';
import { pendingExtensionView, taskDetailView, taskItemView } from '../views';
import { findUnit } from '../../db/reference';
import { replyTemplatesForReport, resolveWithReply } from '../../usecases/replyTemplates';
import { listReplyTemplateUses } from '../../db/replyTemplates';
import { withUnitStatuses } from '../../domain/report';

const actionErrors = {
  403: { description: 'outside your unit' },
  404: { description: 'unknown code' },
  409: { description: 'not allowed in the current status' },
  503: { description: 'the report’s process did not answer in time: retry after Retry-After (same Idempotency-Key)' },
};

export function addTaskRoutes(table: RouteTable, deps: AppDeps): void {
  const seesContacts = (staff: StaffActor) => hasRole(staff, coordinatorRoles);
  const view = async (report: ReportRow, staff: StaffActor) => {
    const [timeline, uses] = await Promise.all([
      listTimeline(deps.pool, report.id),
      listReplyTemplateUses(deps.pool, report.id),
    ]);
    return { status: 200, body: taskDetailView(report, timeline, seesContacts(staff), uses) };
  };
  /** The report, if the caller's scope holds its unit (or the caller is the desk or an admin). */
  const visibleReport = async (code: string, staff: StaffActor) => {
    const report = await loadReport(deps, code);
    const unit = report.unit_code ? await findUnit(deps.pool, report.unit_code) : undefined;
    const visible = inScope(staff, unit?.path ?? null) || seesContacts(staff);
    if (!visible) throw outsideScope('this report is outside your scope', 'code');
    return report;
  };
  const detail = async (code: string, staff: StaffActor) => view(await visibleReport(code, staff), staff);

  const requireUnit = async (unitCode: string) => {
    if (!(await findUnit(deps.pool, unitCode)))
      throw invalidReference([{ field: 'unitCode', message: 'unknown unit' }], `unknown unit "${unitCode}"`);
  };

  table.add({
    method: 'get',
    path: '/api/v1/tasks',
    tag: 'tasks',
    access: caseRoles,
    summary: "Reports assigned to the caller's unit and its sub-units",
    query: schemas.taskQuery,
    responses: {
      200: { description: 'tasks', schema: schemas.taskList },
      401: { description: 'no token' },
      403: { description: 'role not allowed' },
    },
    async handle({ query, staff }) {
      const statuses =
        query.status === 'all' ? null : query.status === 'open' ? withUnitStatuses.slice() : [query.status];
      const { rows, total } = await listTasks(deps.pool, {
        unitPath: staff.unitPath,
        statuses,
        overdue: query.overdue,
        categoryCode: query.categoryCode,
        text: query.q,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return { status: 200, body: { items: rows.map(taskItemView), total } };
    },
  });

  table.add({
    method: 'get',
    path: '/api/v1/tasks/:code',
    tag: 'tasks',
    access: caseRoles,
    personalData: true,
    summary: 'One task with its timeline and the reporter’s contact (unless anonymous)',
    responses: { 200: { description: 'the task', schema: schemas.taskDetail }, ...actionErrors },
    handle: ({ params, staff }) => detail(params.code, staff),
  });

  table.add({
    method: 'get',
    path: '/api/v1/tasks/:code/reply-templates',
    tag: 'tasks',
    access: caseRoles,
    summary: "The reply templates offered for the task's category, filled with the report's variables",
    responses: {
      200: { description: 'templates, the category’s own first', schema: schemas.renderedReplyTemplates },
      ...actionErrors,
    },
    async handle({ params, staff }) {
      const report = await visibleReport(params.code, staff);
      return { status: 200, body: { items: await replyTemplatesForReport(deps, report) } };
    },
  });

  // The answer to an action is the report after it, even when it left the caller's scope (a transfer).
  const action = <Body>(
    name: string,
    summary: string,
    body: ZodType<Body>,
    roles: readonly StaffRole[],
    send: (report: ReportRow, staff: StaffActor, body: Body, updateId: string | undefined) => Promise<void>,
  ) =>
    table.add({
      method: 'post',
      path: `/api/v1/tasks/:code/${name}`,
      tag: 'tasks',
      access: roles,
      summary,
      body,
      headers: actionHeaders,
      responses: {
        200: { description: 'done; the task after the action', schema: schemas.taskDetail },
        400: { description: 'invalid body' },
        ...actionErrors,
        422: { description: 'invalid value' },
      },
      async handle({ params, staff, body: input, headers }) {
        const updateId = actionUpdateId(headers['idempotency-key'], name, staff.id);
        await send(await loadReport(deps, params.code), staff, input, updateId);
        return view(await loadReport(deps, params.code), staff);
      },
    });

  action('accept', 'Accept the task', schemas.emptyBody, unitRoles, (report, actor, _body, updateId) =>
    sendActionOnce(deps, report, updateId, messages.acceptUpdate, { actor }),
  );
  action('progress', 'Post a progress note', schemas.progressBody, unitRoles, (report, actor, body, updateId) =>
    sendActionOnce(deps, report, updateId, messages.progressUpdate, { actor, note: body.note }),
  );
  action(
    'transfer',
    'Decline: not our jurisdiction (re-routed without this unit, or to triage)',
    schemas.transferBody,
    unitRoles,
    (report, actor, body, updateId) =>
      sendActionOnce(deps, report, updateId, messages.transferUpdate, { actor, reason: body.reason }),
  );
  action(
    'extension',
    'Request a deadline extension (a coordinator decides)',
    schemas.extensionBody,
    unitRoles,
    (report, actor, body, updateId) =>
      sendActionOnce(deps, report, updateId, messages.requestExtensionUpdate, {
        actor,
        reason: body.reason,
        until: Date.parse(body.until),
      }),
  );
  action(
    'extension/decision',
    'Approve or refuse a pending extension (coordinator)',
    schemas.extensionDecisionBody,
    coordinatorRoles,
    (report, actor, body, updateId) =>
      sendActionOnce(deps, report, updateId, messages.decideExtensionUpdate, {
        actor,
        approve: body.approve,
        until: body.until ? Date.parse(body.until) : undefined,
        note: body.note,
      }),
  );
  action(
    'reassign',
    'Move an assigned report to another unit, with a reason (coordinator)',
    schemas.reassignBody,
    coordinatorRoles,
    async (report, actor, body, updateId) => {
      await requireUnit(body.unitCode);
      await sendActionOnce(deps, report, updateId, messages.reassignUpdate, {
        actor,
        unitCode: body.unitCode,
        reason: body.reason,
      });
    },
  );
  action(
    'resolve',
    'Publish the result (and the reply template it was written from, if any)',
    schemas.resolveBody,
    unitRoles,
    (report, actor, body, updateId) => resolveWithReply(deps, { report, actor, ...body, updateId }),
  );

  /**
   * A coordinator desk's queue, one page at a time. The page schema's input type (what the route
   * table checks bodies against) alone fixes the item type, so a view drifting from it fails the
   * type check instead of widening the item type.
   */
  const deskQueue = <Row, Item>(
    path: string,
    summary: string,
    schema: ZodType<unknown, { items: Item[]; total: number }>,
    list: (db: AppDeps['pool'], limit: number, offset: number) => Promise<{ rows: Row[]; total: number }>,
    view: (row: Row) => NoInfer<Item>,
  ) =>
    table.add({
      method: 'get',
      path,
      tag: 'triage',
      access: coordinatorRoles,
      summary,
      query: schemas.pageQuery,
      responses: {
        200: { description: 'queue', schema },
        401: { description: 'no token' },
        403: { description: 'not a coordinator' },
      },
      async handle({ query }) {
        const { rows, total } = await list(deps.pool, query.pageSize, (query.page - 1) * query.pageSize);
        return { status: 200, body: { items: rows.map(view), total } };
      },
    });
  deskQueue('/api/v1/triage', 'Reports no rule could route, oldest first', schemas.taskList, listTriage, taskItemView);
  deskQueue(
    '/api/v1/extensions',
    'Extension requests waiting for a decision, oldest request first',
    schemas.pendingExtensionList,
    listPendingExtensions,
    pendingExtensionView,
  );

  table.add({
    method: 'post',
    path: '/api/v1/triage/:code/assign',
    tag: 'triage',
    access: coordinatorRoles,
    summary: 'Assign a triaged report to a unit',
    body: schemas.assignBody,
    headers: actionHeaders,
    responses: {
      200: { description: 'assigned', schema: schemas.taskDetail },
      ...actionErrors,
      422: { description: 'unknown unit' },
    },
    async handle({ params, staff, body, headers }) {
      await requireUnit(body.unitCode);
      const updateId = actionUpdateId(headers['idempotency-key'], 'assign', staff.id);
      await sendActionOnce(deps, await loadReport(deps, params.code), updateId, messages.assignUpdate, {
        actor: staff,
        unitCode: body.unitCode,
      });
      return view(await loadReport(deps, params.code), staff);
    },
  });
}

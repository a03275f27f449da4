// Activities of the report workflow: everything it needs from the outside world — routing rules,
// the working-time calendar, and durable writes of each step (timeline, read model, outbox).
// Each is idempotent: the step's sequence number and the outbox dedupe keys make retries harmless.
import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../temporal/failures';
import type pg from 'pg';
import { inTransaction } from '../db/pool';
import {
  findCoordinatorDesk,
  findDeskCoordinators,
  findEscalationUnit,
  findLeadersOver,
  findUnit,
  loadActiveRuleSet,
} from '../db/reference';
import { loadCalendarDaysBetween } from '../db/calendar';
import { loadCategorySlas } from '../db/categories';
import { calendarBefore, movedDeadline, workingCalendar, type ChangedDay } from '../domain/calendar';
import { findReportById, writeStep } from '../db/reports';
import { contactIntents, enqueueMessage, type OutboxIntent } from '../db/outbox';
import type { Assignment, DeadlinePlan, NotificationIntent, Recipient, Routing, Step } from '../domain/report';
import type { Duration, SlaPolicy } from '../domain/sla';
import {
  addDuration,
  defaultOfficeHours,
  planAlarms,
  type AlarmPolicy,
  type OfficePeriod,
  type WorkingCalendar,
} from '../domain/workingTime';
import { renderMessage } from '../domain/messages';
import { sendableAt, type QuietHours } from '../domain/quietHours';
import { decideRoute, termsForUnit, validateRuleSet, type RoutingFacts } from '../rules/evaluate';

export interface ReportActivityDeps {
  pool: pg.Pool;
  alarmPolicy: AlarmPolicy;
  ratingWindow: Duration;
  /** the coordinator desk's clock for a report in triage */
  triageDeadline: Duration;
  /** The reporter's tracking link for a report, carrying their right to act (see web/citizen). */
  trackUrl(code: string, reportId: string): string;
  quietHours?: QuietHours | null;
  quietHoursTemplates?: readonly string[];
  /** office sessions (config OFFICE_HOURS_MORNING / _AFTERNOON); the usual 07:30–11:30, 13:00–17:00 when absent */
  officeHours?: OfficePeriod[];
}

interface Contact {
  phone: string | null;
  email: string | null;
}

const freshForMs = 10_000;
/** Deadlines count with the calendars of last year up to this many years ahead. */
const calendarYearsAhead = 2;

/** The loader's last result while younger than `ms`; a failed load is not kept. */
function fresh<T>(ms: number, load: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > ms) {
      const value = load();
      cached = { at: Date.now(), value };
      value.catch(() => (cached = undefined));
    }
    return cached.value;
  };
}

export function createReportActivities(deps: ReportActivityDeps) {
  const { pool } = deps;

  // Reference data that administrators change rarely: read at most every few seconds, not per call.
  // Official years as entered, every other year as the law computes it (provisional): the calendar never runs out.
  const loadCalendarNow = async (): Promise<WorkingCalendar> => {
    const year = new Date().getUTCFullYear();
    const days = await loadCalendarDaysBetween(pool, year - 1, year + calendarYearsAhead);
    return workingCalendar(days, deps.officeHours ?? defaultOfficeHours);
  };
  const loadCalendar = fresh(freshForMs, loadCalendarNow);
  const loadRuleSet = fresh(freshForMs, async () => validateRuleSet(await loadActiveRuleSet(pool)));
  const loadSlas = fresh(freshForMs, () => loadCategorySlas(pool));

  /** Deadlines, reminders and escalation instants in working time; `deadlineAt` overrides the resolve clock. */
  async function planDeadlines(input: {
    startMs: number;
    sla: SlaPolicy | null;
    deadlineAt?: number;
  }): Promise<DeadlinePlan> {
    const calendar = await loadCalendar();
    const deadlineAt = input.deadlineAt ?? addDuration(input.startMs, (input.sla as SlaPolicy).resolve, calendar);
    const acceptDeadlineAt = input.sla
      ? Math.min(addDuration(input.startMs, input.sla.accept, calendar), deadlineAt)
      : null;
    const alarms = planAlarms(input.startMs, deadlineAt, deps.alarmPolicy, calendar);
    return { acceptDeadlineAt, deadlineAt, remindAt: alarms.remindAt, escalateAt: alarms.escalateAt };
  }

  /** The desk's clock: the triage deadline, reminders before it, and one alarm at it (to the desk's head). */
  async function planTriage(startMs: number): Promise<DeadlinePlan> {
    const calendar = await loadCalendar();
    const deadlineAt = addDuration(startMs, deps.triageDeadline, calendar);
    const { remindAt } = planAlarms(startMs, deadlineAt, deps.alarmPolicy, calendar);
    return { acceptDeadlineAt: null, deadlineAt, remindAt, escalateAt: [] };
  }

  /** The assignment and its deadline plan from `startMs`. */
  async function assignTo(
    unitCode: string,
    terms: Omit<Assignment, 'unitCode' | 'unitPath'>,
    startMs: number,
  ): Promise<{ assignment: Assignment; plan: DeadlinePlan }> {
    const unit = await findUnit(pool, unitCode);
    if (!unit)
      throw ApplicationFailure.nonRetryable(`unknown unit ${unitCode}`, FailureType.Invalid, { code: 'unitCode' });
    return {
      assignment: { unitCode, unitPath: unit.path, ...terms },
      plan: await planDeadlines({ startMs, sla: terms.sla }),
    };
  }

  async function contactsFor(recipient: Recipient, reportId: string): Promise<Contact[]> {
    switch (recipient.kind) {
      case 'reporter': {
        const report = await findReportById(pool, reportId);
        return report ? [{ phone: report.reporter_phone, email: report.reporter_email }] : [];
      }
      case 'unit_head':
        return headOf(await findUnit(pool, recipient.unitCode));
      case 'parent_unit_head':
        return headOf(await findEscalationUnit(pool, recipient.unitCode));
      case 'coordinator': {
        const coordinators = await findDeskCoordinators(pool);
        return coordinators.length ? coordinators : headOf(await findCoordinatorDesk(pool));
      }
      case 'desk_head':
        return headOf(await findCoordinatorDesk(pool));
      case 'leaders_over':
        return findLeadersOver(pool, recipient.unitCode);
    }
  }

  /** Non-urgent SMS to staff wait for the end of the quiet hours; the reporter's never do. */
  function quietUntil(notification: NotificationIntent): Date | null {
    if (notification.recipient.kind === 'reporter' || !deps.quietHoursTemplates?.includes(notification.template))
      return null;
    const now = Date.now();
    const at = sendableAt(now, deps.quietHours ?? null);
    return at > now ? new Date(at) : null;
  }

  async function outboxIntents(step: Step, notification: NotificationIntent, index: number): Promise<OutboxIntent[]> {
    const slots = { ...notification.slots, trackUrl: deps.trackUrl(String(notification.slots.code), step.reportId) };
    const message = renderMessage(notification.template, slots);
    const contacts = await contactsFor(notification.recipient, step.reportId);
    return contacts.flatMap((contact, person) =>
      contactIntents(contact, message, `report:${step.reportId}:${step.seq}:${index}:${person}`, {
        template: notification.template,
        reportId: step.reportId,
        smsNotBefore: quietUntil(notification),
      }),
    );
  }

  return {
    /** Persists steps in one transaction: timeline, snapshot and outbox rows. Returns the outbox ids to deliver. */
    async commitSteps(steps: Step[]): Promise<number[]> {
      const intents = await Promise.all(
        steps.map(async (step) =>
          (
            await Promise.all(step.notifications.map((notification, index) => outboxIntents(step, notification, index)))
          ).flat(),
        ),
      );
      return inTransaction(pool, async (client) => {
        const ids: number[] = [];
        for (const [index, step] of steps.entries()) {
          await writeStep(client, step.reportId, step.seq, step.event, step.snapshot);
          for (const intent of intents[index]) ids.push(await enqueueMessage(client, intent));
        }
        return ids;
      });
    },

    /**
     * Runs the active rule set over the report's facts, skipping units that declined it, and makes
     * the decision actionable: a unit's deadlines, or the desk's triage clock. Records nothing: the
     * workflow commits the decision.
     */
    async routeByRules(input: { facts: RoutingFacts; excludedUnits: string[]; startMs: number }): Promise<Routing> {
      const [ruleSet, categorySlas] = await Promise.all([loadRuleSet(), loadSlas()]);
      const decision = await decideRoute(ruleSet, input.facts, input.excludedUnits, categorySlas);
      switch (decision.kind) {
        case 'reject':
          return decision;
        case 'triage':
          return { kind: 'triage', ruleVersion: decision.ruleVersion, plan: await planTriage(input.startMs) };
        case 'route': {
          const { unitCode, priority, sla, ruleVersion, ruleName } = decision;
          return {
            kind: 'route',
            ...(await assignTo(unitCode, { priority, sla, ruleVersion, ruleName }, input.startMs)),
          };
        }
      }
    },

    /** A coordinator's choice of unit, under the clocks the active rules (and the report's category) give that unit. */
    async assignToUnit(input: {
      facts: RoutingFacts;
      unitCode: string;
      startMs: number;
    }): Promise<{ assignment: Assignment; plan: DeadlinePlan }> {
      const [ruleSet, categorySlas] = await Promise.all([loadRuleSet(), loadSlas()]);
      const terms = await termsForUnit(ruleSet, input.facts, input.unitCode, categorySlas);
      return assignTo(
        input.unitCode,
        { priority: terms.priority, sla: terms.sla, ruleVersion: ruleSet.version, ruleName: 'coordinator' },
        input.startMs,
      );
    },

    planTriage,

    planDeadlines,

    /** A calendar change moves the deadlines: the working time left is recounted with the calendar as it is now. */
    async replanForCalendarChange(input: {
      nowMs: number;
      deadlineAt: number;
      acceptDeadlineAt: number | null;
      changedDays: ChangedDay[];
    }): Promise<DeadlinePlan> {
      const after = await loadCalendarNow(); // not the cached one: the change has just been committed
      const before = calendarBefore(after, input.changedDays);
      const deadlineAt = movedDeadline(input.nowMs, input.deadlineAt, before, after);
      const acceptDeadlineAt =
        input.acceptDeadlineAt === null ? null : movedDeadline(input.nowMs, input.acceptDeadlineAt, before, after);
      const alarms = planAlarms(input.nowMs, deadlineAt, deps.alarmPolicy, after);
      return { acceptDeadlineAt, deadlineAt, remindAt: alarms.remindAt, escalateAt: alarms.escalateAt };
    },

    async planRatingWindow(startMs: number): Promise<number> {
      return addDuration(startMs, deps.ratingWindow, await loadCalendar());
    },
  };
}

function headOf(unit: { head_phone: string | null; head_email: string | null } | undefined): Contact[] {
  return unit ? [{ phone: unit.head_phone, email: unit.head_email }] : [];
}

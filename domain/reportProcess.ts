// The report's state machine as a plain class: every action is a guard (check...) that refuses
// with a Refusal, and a transition that mutates the state and returns the Step to persist.
// Workflows call the guards from Update validators and the transitions from handlers; tests
// call both directly. No I/O and no clock: `now` is always passed in.
import type { Actor, StaffActor } from './roles';
import type { SlaPolicy } from './sla';
import { coordinatorRoles, hasRole, inScope, unitRoles } from './roles';
import { refuse } from './refusal';
import type {
  Alarm,
  Assignment,
  DeadlinePlan,
  EventType,
  NotificationIntent,
  Priority,
  ReportSnapshot,
  ReportStatus,
  Routing,
  Step,
} from './report';
import { finalStatuses, withUnitStatuses } from './report';

export interface ReportProcessInit {
  reportId: string;
  code: string;
  /** dissatisfied ratings that go back to the same unit before the coordinator takes over */
  reopensToSameUnit: number;
}

/** Why a report waits for the coordinator: English in the timeline, Vietnamese in the desk's SMS. */
export const triageReasons = {
  no_rule: { en: 'no routing rule matched', vi: 'chưa xác định được đơn vị có thẩm quyền' },
  transferred: { en: 'transferred, no other unit matches', vi: 'đơn vị chuyển trả, không còn đơn vị phù hợp' },
  reopened: { en: 'reopened after a dissatisfied rating', vi: 'người dân chưa hài lòng với kết quả xử lý' },
  routing_failed: { en: 'the rule set could not route it', vi: 'bộ quy tắc không định tuyến được' },
} as const;
export type TriageReason = keyof typeof triageReasons;

export class ReportProcess {
  readonly reportId: string;
  readonly code: string;
  private readonly reopensToSameUnit: number;
  private seq = 0;
  private state: ReportSnapshot = {
    status: 'received',
    unitCode: null,
    priority: 'normal',
    ruleVersion: null,
    acceptDeadlineAt: null,
    deadlineAt: null,
    acceptedAt: null,
    resolvedAt: null,
    resolvedOnTime: null,
    overdue: false,
    escalationLevel: 0,
    reopenCount: 0,
    extensionPending: false,
    result: null,
    rating: null,
    ratingComment: null,
    closedAt: null,
  };
  private unitPath: string | null = null;
  /** units that declined the report; rules skip them on re-routing */
  readonly excludedUnits: string[] = [];
  private alarms: Alarm[] = [];
  private assignedSla: SlaPolicy | null = null;
  private extensionUntil: number | null = null;
  /** calendar changes already applied (calendar_changes ids) */
  private readonly calendarChanges = new Set<string>();

  constructor(init: ReportProcessInit) {
    this.reportId = init.reportId;
    this.code = init.code;
    this.reopensToSameUnit = init.reopensToSameUnit;
  }

  get status(): ReportStatus {
    return this.state.status;
  }

  get finished(): boolean {
    return finalStatuses.includes(this.state.status);
  }

  get assignedUnit(): string | null {
    return this.state.unitCode;
  }

  get deadlineAt(): number | null {
    return this.state.deadlineAt;
  }

  /** the SLA of the current assignment, reused when a dissatisfied rating re-opens the report */
  get sla(): SlaPolicy | null {
    return this.assignedSla;
  }

  get requestedExtensionUntil(): number | null {
    return this.extensionUntil;
  }

  snapshot(): ReportSnapshot {
    return { ...this.state };
  }

  /** Saves the whole process; the returned function puts it back (a step that could not be persisted). */
  checkpoint(): () => void {
    const saved = JSON.parse(JSON.stringify(this)) as this;
    return () => void Object.assign(this, saved);
  }

  /** The earliest pending alarm, if any. */
  nextAlarm(): Alarm | undefined {
    return this.alarms.reduce<Alarm | undefined>(
      (earliest, alarm) => (!earliest || alarm.at < earliest.at ? alarm : earliest),
      undefined,
    );
  }

  // ---- system steps -------------------------------------------------------------------------

  received(now: number): Step {
    return this.step('received', now, { kind: 'system' }, {}, [
      { template: 'report_ack', recipient: { kind: 'reporter' }, slots: { code: this.code } },
    ]);
  }

  routed(
    assignment: Assignment,
    plan: DeadlinePlan,
    now: number,
    actor: Actor = { kind: 'system' },
    type: EventType = 'routed',
  ): Step {
    this.assign(assignment, plan);
    const details = {
      unitCode: assignment.unitCode,
      priority: assignment.priority,
      ruleVersion: assignment.ruleVersion,
      ruleName: assignment.ruleName,
    };
    return this.step(type, now, actor, details, [this.unitNotice('report_assigned_unit')]);
  }

  /**
   * To the coordinator desk, under its own clock (`plan`: the triage deadline and reminders);
   * `ruleVersion` is the rule set that found no unit, when rules decided it.
   */
  triaged(now: number, reason: TriageReason, plan: DeadlinePlan | null, ruleVersion: number | null = null): Step {
    this.state = {
      ...this.state,
      status: 'triage',
      unitCode: null,
      ruleVersion: ruleVersion ?? this.state.ruleVersion,
      acceptDeadlineAt: null,
      deadlineAt: plan?.deadlineAt ?? null,
      overdue: false,
      escalationLevel: 0,
      extensionPending: false,
    };
    this.unitPath = null;
    this.alarms = plan
      ? [
          ...plan.remindAt.filter((at) => at > now).map((at): Alarm => ({ kind: 'triage_remind', at })),
          { kind: 'triage_overdue', at: plan.deadlineAt },
        ]
      : [];
    const details = { reason: triageReasons[reason].en, ruleVersion, deadlineAt: this.state.deadlineAt };
    return this.step('triaged', now, { kind: 'system' }, details, [
      {
        template: 'triage_needed',
        recipient: { kind: 'coordinator' },
        slots: { ...this.deadlineSlots(), reason: triageReasons[reason].vi },
      },
    ]);
  }

  rejected(now: number, decision: { reasonVi: string; reasonEn: string; ruleVersion: number; ruleName: string }): Step {
    this.state = { ...this.state, status: 'rejected', ruleVersion: decision.ruleVersion, closedAt: now };
    this.alarms = [];
    const { reasonVi, reasonEn, ruleVersion, ruleName } = decision;
    return this.step('rejected', now, { kind: 'system' }, { reasonVi, reasonEn, ruleVersion, ruleName }, [
      { template: 'report_rejected', recipient: { kind: 'reporter' }, slots: { code: this.code, reason: reasonVi } },
    ]);
  }

  /** Applies a due alarm; returns no step when the alarm no longer applies (e.g. already accepted). */
  fireAlarm(alarm: Alarm, now: number): Step | null {
    if (!this.alarms.includes(alarm)) return null;
    this.alarms = this.alarms.filter((pending) => pending !== alarm);
    const open = this.state.status === 'assigned' || this.state.status === 'in_progress';
    switch (alarm.kind) {
      case 'accept_late':
        if (this.state.status !== 'assigned') return null;
        return this.step('accept_late', now, { kind: 'system' }, {}, [
          this.unitNotice('report_accept_late', { acceptDeadline: this.state.acceptDeadlineAt ?? alarm.at }),
        ]);
      case 'remind':
        if (!open) return null;
        return this.step('reminder', now, { kind: 'system' }, { deadlineAt: this.state.deadlineAt }, [
          this.unitNotice('report_reminder'),
        ]);
      case 'overdue':
        if (!open) return null;
        this.state = { ...this.state, overdue: true };
        return this.step('overdue', now, { kind: 'system' }, { deadlineAt: this.state.deadlineAt }, []);
      case 'escalate':
        if (!open || !this.state.overdue) return null;
        return this.escalate(alarm.level ?? this.state.escalationLevel + 1, now);
      case 'rating_timeout':
        if (this.state.status !== 'resolved') return null;
        this.state = { ...this.state, status: 'closed', closedAt: now };
        return this.step('closed', now, { kind: 'system' }, { reason: 'no rating' }, []);
      case 'triage_remind':
        if (this.state.status !== 'triage') return null;
        return this.step('triage_reminder', now, { kind: 'system' }, { deadlineAt: this.state.deadlineAt }, [
          { template: 'triage_reminder', recipient: { kind: 'coordinator' }, slots: this.deadlineSlots() },
        ]);
      case 'triage_overdue':
        if (this.state.status !== 'triage') return null;
        this.state = { ...this.state, overdue: true, escalationLevel: 1 };
        return this.step('triage_overdue', now, { kind: 'system' }, { deadlineAt: this.state.deadlineAt }, [
          { template: 'triage_overdue', recipient: { kind: 'desk_head' }, slots: this.deadlineSlots() },
        ]);
    }
  }

  // ---- actions by people: each a guard `checkX` and a transition that runs the same guard --------
  // The workflow's Update validators call the guards, so a refused action never enters history;
  // the status lists and roles of each action are written here only.

  /** Who, then where, then when: a unit acting on another unit's report learns nothing of its state. */
  private checkUnitAction(actor: Actor, allowed: readonly ReportStatus[], action: string): StaffActor {
    if (actor.kind !== 'staff' || !hasRole(actor, unitRoles))
      refuse('Forbidden', 'unit_staff_only', `only unit staff may ${action} a report`);
    if (!inScope(actor, this.unitPath))
      refuse('Forbidden', 'not_assigned_unit', `only staff of the assigned unit may ${action} this report`);
    if (!allowed.includes(this.state.status))
      refuse('Conflict', 'invalid_transition', `cannot ${action} a report in status "${this.state.status}"`);
    return actor;
  }

  private checkCoordinator(actor: Actor, allowed: readonly ReportStatus[], action: string): StaffActor {
    if (actor.kind !== 'staff' || !hasRole(actor, coordinatorRoles)) {
      refuse('Forbidden', 'coordinator_only', `only a coordinator may ${action}`);
    }
    if (!allowed.includes(this.state.status)) {
      refuse('Conflict', 'invalid_transition', `cannot ${action} a report in status "${this.state.status}"`);
    }
    return actor;
  }

  checkAccept(actor: Actor): void {
    this.checkUnitAction(actor, ['assigned'], 'accept');
  }

  accept(actor: Actor, now: number): Step {
    this.checkAccept(actor);
    this.state = { ...this.state, status: 'in_progress', acceptedAt: now };
    this.alarms = this.alarms.filter((alarm) => alarm.kind !== 'accept_late');
    return this.step('accepted', now, actor, {}, []);
  }

  checkProgress(actor: Actor): void {
    this.checkUnitAction(actor, ['in_progress'], 'post progress on');
  }

  progress(actor: Actor, note: string, now: number): Step {
    this.checkProgress(actor);
    return this.step('progress', now, actor, { note }, []);
  }

  checkTransfer(actor: Actor): void {
    this.checkUnitAction(actor, withUnitStatuses, 'transfer');
  }

  /** The unit declines; `next` is the re-routing decision made without it (a unit, else triage). */
  transferred(actor: Actor, reason: string, next: Exclude<Routing, { kind: 'reject' }>, now: number): Step[] {
    this.checkTransfer(actor);
    const fromUnit = this.state.unitCode as string;
    if (!this.excludedUnits.includes(fromUnit)) this.excludedUnits.push(fromUnit);
    const transfer = this.step(
      'transferred',
      now,
      actor,
      { fromUnit, reason, toUnit: next.kind === 'route' ? next.assignment.unitCode : null },
      [],
    );
    this.state = { ...this.state, acceptedAt: null, overdue: false, escalationLevel: 0, extensionPending: false };
    const then =
      next.kind === 'route'
        ? this.routed(next.assignment, next.plan, now)
        : this.triaged(now, 'transferred', next.plan, next.ruleVersion);
    return [transfer, then];
  }

  checkExtensionRequest(actor: Actor, until: number, now: number): void {
    this.checkUnitAction(actor, withUnitStatuses, 'request an extension for');
    if (this.state.extensionPending)
      refuse('Conflict', 'extension_pending', 'an extension request is already waiting for a decision');
    if (until <= now || until <= (this.state.deadlineAt ?? 0))
      refuse('Invalid', 'deadline_not_later', '"until" must be later than the current deadline', 'until');
  }

  extensionRequested(actor: Actor, reason: string, until: number, now: number): Step {
    this.checkExtensionRequest(actor, until, now);
    this.state = { ...this.state, extensionPending: true };
    this.extensionUntil = until;
    const slots = { code: this.code, unit: this.state.unitCode as string, until, reason };
    return this.step('extension_requested', now, actor, { reason, until }, [
      { template: 'extension_requested', recipient: { kind: 'coordinator' }, slots },
    ]);
  }

  /** With the decision: an approval must give (or leave, as requested) a deadline still in the future. */
  checkExtensionDecision(
    actor: Actor,
    decision?: { approve: boolean; until?: number; note?: string; now: number },
  ): void {
    this.checkCoordinator(actor, withUnitStatuses, 'decide on an extension');
    if (!this.state.extensionPending)
      refuse('Conflict', 'no_extension_pending', 'there is no extension request to decide on');
    if (!decision) return;
    // The unit is told why it was refused.
    if (!decision.approve && (decision.note ?? '').trim().length < 3)
      refuse(
        'Invalid',
        'reason_required',
        'Từ chối cần nêu lý do (a refusal needs a reason, at least 3 characters)',
        'note',
      );
    if (!decision.approve) return;
    const deadlineAt = decision.until ?? this.extensionUntil;
    if (deadlineAt === null || deadlineAt <= decision.now)
      refuse(
        'Invalid',
        'deadline_not_later',
        `Hạn mới phải ở tương lai (the new deadline must be in the future${decision.until === undefined ? '; the requested one has passed, give "until"' : ''})`,
        'until',
      );
  }

  extensionDecided(actor: Actor, approved: { plan: DeadlinePlan } | null, note: string, now: number): Step {
    this.checkExtensionDecision(actor);
    this.state = { ...this.state, extensionPending: false };
    if (!approved)
      return this.step('extension_refused', now, actor, { note }, [
        this.unitNotice('extension_refused', { reason: note.trim() || 'không nêu lý do' }),
      ]);
    const stillLate = approved.plan.deadlineAt <= now;
    this.state = {
      ...this.state,
      deadlineAt: approved.plan.deadlineAt,
      overdue: stillLate,
      escalationLevel: stillLate ? this.state.escalationLevel : 0,
    };
    this.alarms = this.deadlineAlarms(approved.plan, now);
    return this.step('extension_approved', now, actor, { note, deadlineAt: approved.plan.deadlineAt }, [
      this.unitNotice('extension_approved', note.trim() ? { note } : {}),
    ]);
  }

  checkResolve(actor: Actor): void {
    this.checkUnitAction(actor, ['in_progress'], 'resolve');
  }

  resolve(actor: Actor, result: string, media: string[], ratingClosesAt: number, now: number): Step {
    this.checkResolve(actor);
    const resolvedOnTime = this.state.deadlineAt === null || now <= this.state.deadlineAt;
    this.state = {
      ...this.state,
      status: 'resolved',
      resolvedAt: now,
      resolvedOnTime,
      overdue: false,
      result,
      extensionPending: false,
      rating: null,
      ratingComment: null,
    };
    this.alarms = [{ kind: 'rating_timeout', at: ratingClosesAt }];
    return this.step('resolved', now, actor, { result, media, resolvedOnTime }, [
      { template: 'report_resolved', recipient: { kind: 'reporter' }, slots: { code: this.code } },
    ]);
  }

  checkAssign(actor: Actor): void {
    this.checkCoordinator(actor, ['triage'], 'assign');
  }

  assigned(actor: Actor, assignment: Assignment, plan: DeadlinePlan, now: number): Step {
    this.checkAssign(actor);
    return this.routed(assignment, plan, now, actor, 'assigned');
  }

  /** A coordinator moves an assigned report to another unit; the answer to "transfer 403, assign 409". */
  checkReassign(actor: Actor, unitCode: string): void {
    this.checkCoordinator(actor, withUnitStatuses, 'reassign');
    if (unitCode === this.state.unitCode)
      refuse('Conflict', 'same_unit', `the report is already assigned to ${unitCode}`);
  }

  reassigned(actor: Actor, reason: string, assignment: Assignment, plan: DeadlinePlan, now: number): Step {
    this.checkReassign(actor, assignment.unitCode);
    const fromUnit = this.state.unitCode as string;
    const farewell: NotificationIntent = {
      template: 'report_reassigned',
      recipient: { kind: 'unit_head', unitCode: fromUnit },
      slots: { code: this.code, unit: assignment.unitCode, reason },
    };
    this.state = { ...this.state, extensionPending: false };
    this.assign(assignment, plan);
    const details = {
      fromUnit,
      unitCode: assignment.unitCode,
      reason,
      priority: assignment.priority,
      ruleVersion: assignment.ruleVersion,
      ruleName: assignment.ruleName,
    };
    return this.step('reassigned', now, actor, details, [farewell, this.unitNotice('report_assigned_unit')]);
  }

  checkRating(actor: Actor): void {
    if (actor.kind !== 'reporter') refuse('Forbidden', 'reporter_only', 'only the reporter may rate the result');
    if (this.state.status !== 'resolved')
      refuse(
        'Conflict',
        'not_rateable',
        `Chỉ đánh giá được kết quả vừa công bố (cannot rate a report in status "${this.state.status}")`,
      );
  }

  /**
   * 1–2 re-opens: to the same unit a limited number of times, then to triage; `reopenPlan` is the
   * unit's new clock in the first case and the triage clock in the second.
   */
  rated(actor: Actor, score: number, comment: string | null, reopenPlan: DeadlinePlan | null, now: number): Step[] {
    this.checkRating(actor);
    this.state = { ...this.state, rating: score, ratingComment: comment };
    const rating = this.step('rated', now, actor, { score, comment }, []);
    if (score >= 3) {
      this.state = { ...this.state, status: 'closed', closedAt: now };
      this.alarms = [];
      return [rating, this.step('closed', now, { kind: 'system' }, { reason: 'rated' }, [])];
    }
    return [rating, this.reopen(reopenPlan, now)];
  }

  /** Whether a dissatisfied rating now goes back to the assigned unit (else to triage). */
  get reopensToUnit(): boolean {
    return this.state.reopenCount < this.reopensToSameUnit && this.state.unitCode !== null;
  }

  checkWithdraw(actor: Actor): void {
    if (actor.kind !== 'reporter') refuse('Forbidden', 'reporter_only', 'only the reporter may withdraw the report');
    if (this.finished || this.state.status === 'resolved')
      refuse(
        'Conflict',
        'not_withdrawable',
        `Phản ánh đã có kết quả hoặc đã kết thúc, không thể rút (cannot withdraw a report in status "${this.state.status}")`,
      );
  }

  withdrawn(actor: Actor, now: number): Step {
    this.checkWithdraw(actor);
    const unitCode = this.state.unitCode;
    this.state = { ...this.state, status: 'withdrawn', closedAt: now, overdue: false };
    this.alarms = [];
    return this.step(
      'withdrawn',
      now,
      actor,
      {},
      unitCode
        ? [{ template: 'report_withdrawn', recipient: { kind: 'unit_head', unitCode }, slots: { code: this.code } }]
        : [],
    );
  }

  /** A leader's directive: top priority, and the deadline tightened when `plan` says so. */
  directed(
    order: { directiveId: string; instruction: string; dueAt: number; leaderId: string },
    plan: DeadlinePlan | null,
    now: number,
  ): Step {
    this.state = { ...this.state, priority: 'urgent' };
    if (plan) {
      const late = plan.deadlineAt <= now;
      this.state = {
        ...this.state,
        deadlineAt: plan.deadlineAt,
        overdue: late,
        escalationLevel: late ? this.state.escalationLevel : 0,
      };
      this.alarms = this.deadlineAlarms(plan, now);
    }
    const details = {
      directiveId: order.directiveId,
      instruction: order.instruction,
      dueAt: order.dueAt,
      leaderId: order.leaderId,
      deadlineAt: this.state.deadlineAt,
    };
    return this.step('directive', now, { kind: 'system' }, details, []);
  }

  /** Whether a calendar change can still move this report's deadline: once per change, while a unit works on it. */
  awaitsCalendarChange(changeId: string): boolean {
    const running = this.state.status === 'assigned' || this.state.status === 'in_progress';
    return running && this.state.deadlineAt !== null && !this.calendarChanges.has(changeId);
  }

  /** The calendar changed: `plan` recounts the working time left; a step only when the deadline moved. */
  calendarChanged(changeId: string, plan: DeadlinePlan, now: number): Step | null {
    this.calendarChanges.add(changeId);
    const previous = this.state.deadlineAt;
    if (plan.deadlineAt === previous && plan.acceptDeadlineAt === this.state.acceptDeadlineAt) return null;
    this.setPlan(plan, now);
    return this.step(
      'deadline_moved',
      now,
      { kind: 'system' },
      { calendarChangeId: changeId, previousDeadlineAt: previous, deadlineAt: plan.deadlineAt },
      [],
    );
  }

  checkComment(actor: Actor): void {
    if (actor.kind !== 'reporter') refuse('Forbidden', 'reporter_only', 'only the reporter may add a comment');
    if (this.finished)
      refuse(
        'Conflict',
        'report_closed',
        `Phản ánh đã kết thúc (cannot comment on a report in status "${this.state.status}")`,
      );
  }

  /** The reporter adds information (directly or through a partner app); the unit reads it in the timeline. */
  commented(actor: Actor, comment: string, via: string, now: number): Step {
    this.checkComment(actor);
    return this.step('comment', now, actor, { comment, via }, []);
  }

  // ---- internals -----------------------------------------------------------------------------

  private reopen(plan: DeadlinePlan | null, now: number): Step {
    const reopenCount = this.state.reopenCount + 1;
    if (!plan || !this.reopensToUnit) {
      this.state = { ...this.state, reopenCount, resolvedAt: null, resolvedOnTime: null, result: null };
      return this.triaged(now, 'reopened', plan);
    }
    this.state = {
      ...this.state,
      status: 'assigned',
      reopenCount,
      resolvedAt: null,
      resolvedOnTime: null,
      acceptedAt: null,
      overdue: false,
      escalationLevel: 0,
      closedAt: null,
    };
    this.setPlan(plan, now);
    return this.step(
      'reopened',
      now,
      { kind: 'system' },
      { unitCode: this.state.unitCode, deadlineAt: plan.deadlineAt },
      [this.unitNotice('report_reopened')],
    );
  }

  private assign(assignment: Assignment, plan: DeadlinePlan): void {
    this.unitPath = assignment.unitPath;
    this.assignedSla = assignment.sla;
    this.state = {
      ...this.state,
      status: 'assigned',
      unitCode: assignment.unitCode,
      priority: maxPriority(this.state.priority, assignment.priority),
      ruleVersion: assignment.ruleVersion,
      acceptedAt: null,
      overdue: false,
      escalationLevel: 0,
    };
    this.setPlan(plan, 0);
  }

  private setPlan(plan: DeadlinePlan, now: number): void {
    this.state = { ...this.state, acceptDeadlineAt: plan.acceptDeadlineAt, deadlineAt: plan.deadlineAt };
    this.alarms = this.deadlineAlarms(plan, now);
  }

  private deadlineAlarms(plan: DeadlinePlan, now: number): Alarm[] {
    const alarms: Alarm[] = [
      ...plan.remindAt.map((at): Alarm => ({ kind: 'remind', at })),
      { kind: 'overdue', at: plan.deadlineAt },
      ...plan.escalateAt.map((at, index): Alarm => ({ kind: 'escalate', at, level: index + 1 })),
    ];
    if (plan.acceptDeadlineAt !== null && this.state.acceptedAt === null)
      alarms.push({ kind: 'accept_late', at: plan.acceptDeadlineAt });
    // Reminders already in the past are noise; the deadline and escalations still fire.
    return alarms.filter((alarm) => alarm.kind !== 'remind' || alarm.at > now);
  }

  private escalate(level: number, now: number): Step {
    this.state = { ...this.state, escalationLevel: Math.max(level, this.state.escalationLevel) };
    const unitCode = this.state.unitCode as string;
    const recipient =
      level <= 1
        ? { kind: 'unit_head' as const, unitCode }
        : level === 2
          ? { kind: 'parent_unit_head' as const, unitCode }
          : { kind: 'leaders_over' as const, unitCode };
    return this.step('escalated', now, { kind: 'system' }, { level, unitCode }, [
      { template: 'report_overdue_escalation', recipient, slots: { ...this.deadlineSlots(), level } },
    ]);
  }

  private unitNotice(
    template: NotificationIntent['template'],
    extra: NotificationIntent['slots'] = {},
  ): NotificationIntent {
    return {
      template,
      recipient: { kind: 'unit_head', unitCode: this.state.unitCode as string },
      slots: { ...this.deadlineSlots(), ...extra },
    };
  }

  private deadlineSlots(): Record<string, string | number> {
    return this.state.deadlineAt === null ? { code: this.code } : { code: this.code, deadline: this.state.deadlineAt };
  }

  private step(
    type: EventType,
    now: number,
    actor: Actor,
    details: Record<string, unknown>,
    notifications: NotificationIntent[],
  ): Step {
    this.seq += 1;
    return {
      reportId: this.reportId,
      seq: this.seq,
      event: { type, at: now, actor, details },
      snapshot: this.snapshot(),
      notifications,
    };
  }
}

const priorityRank: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

export function maxPriority(a: Priority, b: Priority): Priority {
  return priorityRank[a] >= priorityRank[b] ? a : b;
}

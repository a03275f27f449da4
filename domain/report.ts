// The vocabulary of a report's process: statuses, assignments, deadline plans, timeline events
// and notification intents. Plain data, shared by workflows, activities and the API.
import type { Actor } from './roles';
import type { TemplateName } from './messages';
import type { SlaPolicy } from './sla';

export type { TemplateName };

export const reportStatuses = [
  'received',
  'triage',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'withdrawn',
  'rejected',
] as const;
export type ReportStatus = (typeof reportStatuses)[number];
export const finalStatuses: readonly ReportStatus[] = ['closed', 'withdrawn', 'rejected'];
export const openStatuses: readonly ReportStatus[] = ['received', 'triage', 'assigned', 'in_progress'];
/** Open and in a unit's hands: its deadline runs, it can be transferred or extended. */
export const withUnitStatuses: readonly ReportStatus[] = ['assigned', 'in_progress'];

/** How a report reached us. */
export const intakeChannels = ['web', 'app', 'hotline', 'email', 'zalo', 'open311'] as const;
export type IntakeChannel = (typeof intakeChannels)[number];
/** What a citizen's own client may claim; operators record the rest, partners are 'open311' by their key. */
export const selfServiceChannels: readonly IntakeChannel[] = ['web', 'app'];
const operatorChannels: readonly IntakeChannel[] = ['hotline', 'email', 'zalo'];

export type Submitter = 'public' | 'operator' | 'partner';

/**
 * The channel recorded for a submission, or null when the caller may not claim it: citizens'
 * clients are 'web' or 'app'; an operator's intake is 'hotline' unless the operator names another
 * assisted channel (e-mail, Zalo); a partner's, through its Open311 key, is always 'open311'.
 */
export function intakeChannel(requested: IntakeChannel, submitter: Submitter): IntakeChannel | null {
  if (submitter === 'partner') return 'open311';
  if (submitter === 'public') return selfServiceChannels.includes(requested) ? requested : null;
  if (operatorChannels.includes(requested)) return requested;
  return selfServiceChannels.includes(requested) ? 'hotline' : null;
}

export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof priorities)[number];

/** Where a report goes and under which clocks, as decided by the rules or a coordinator. */
export interface Assignment {
  unitCode: string;
  unitPath: string;
  priority: Priority;
  sla: SlaPolicy;
  ruleVersion: number | null;
  ruleName: string | null;
}

/** Absolute instants (epoch ms) computed from an SLA in working time by an activity. */
export interface DeadlinePlan {
  acceptDeadlineAt: number | null;
  deadlineAt: number;
  remindAt: number[];
  escalateAt: number[];
}

/** What a rules evaluation decided, made actionable: a route carries its unit's place and clocks, triage the desk's clock. */
export type Routing =
  | { kind: 'route'; assignment: Assignment; plan: DeadlinePlan }
  | { kind: 'triage'; ruleVersion: number; plan: DeadlinePlan }
  | { kind: 'reject'; reasonVi: string; reasonEn: string; ruleVersion: number; ruleName: string };

export type AlarmKind =
  'accept_late' | 'remind' | 'overdue' | 'escalate' | 'rating_timeout' | 'triage_remind' | 'triage_overdue';
export interface Alarm {
  kind: AlarmKind;
  at: number;
  /** escalation level for 'escalate' */
  level?: number;
}

export type EventType =
  | 'received'
  | 'routed'
  | 'triaged'
  | 'rejected'
  | 'assigned'
  | 'reassigned'
  | 'accepted'
  | 'progress'
  | 'transferred'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_refused'
  | 'resolved'
  | 'rated'
  | 'reopened'
  | 'closed'
  | 'withdrawn'
  | 'reminder'
  | 'accept_late'
  | 'overdue'
  | 'escalated'
  | 'triage_reminder'
  | 'triage_overdue'
  | 'directive'
  | 'deadline_moved'
  | 'comment';

export interface ReportEvent {
  type: EventType;
  at: number;
  actor: Actor;
  details: Record<string, unknown>;
}

/** Who a notification is for; the delivery side resolves it to phones and e-mail addresses. */
export type Recipient =
  | { kind: 'reporter' }
  | { kind: 'unit_head'; unitCode: string }
  | { kind: 'parent_unit_head'; unitCode: string }
  | { kind: 'leaders_over'; unitCode: string }
  /** the coordinators on the desk (its head when none is listed) */
  | { kind: 'coordinator' }
  /** the head of the coordination desk, to whom late triage escalates */
  | { kind: 'desk_head' };

export interface NotificationIntent {
  template: TemplateName;
  recipient: Recipient;
  slots: Record<string, string | number>;
}

/** The process fields of the read model, written with every step. */
export interface ReportSnapshot {
  status: ReportStatus;
  unitCode: string | null;
  priority: Priority;
  ruleVersion: number | null;
  acceptDeadlineAt: number | null;
  deadlineAt: number | null;
  acceptedAt: number | null;
  resolvedAt: number | null;
  resolvedOnTime: boolean | null;
  overdue: boolean;
  escalationLevel: number;
  reopenCount: number;
  extensionPending: boolean;
  result: string | null;
  rating: number | null;
  ratingComment: string | null;
  closedAt: number | null;
}

/** One durable step of the process: what happened, the state after it, and who to tell. */
export interface Step {
  reportId: string;
  seq: number;
  event: ReportEvent;
  snapshot: ReportSnapshot;
  notifications: NotificationIntent[];
}

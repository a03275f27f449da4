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

export type AlarmKind = 'accept_late' | 'remind' | 'overdue' | 'escalate' | 'rating_timeout';
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
  | { kind: 'coordinator' };

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

// Shapes database rows into the API's response bodies. Public views never carry personal data:
// names, phones and e-mails appear only to the reporter (with the token) and to staff.
import type { PendingExtensionRow, ReportRow, ReportWithNames, TimelineRow } from '../db/reports';
import { maskOptional, maskPersonalData } from '../domain/redact';
import { publicMedia } from '../domain/photos';
import type { PublicReportRow } from '../db/transparency';
import type { ReplyTemplateUse } from '../db/replyTemplates';
import { withUnitStatuses } from '../domain/report';

const iso = (at: Date | null) => (at ? at.toISOString() : null);
const named = (code: string | null, nameVi: string | null, nameEn: string | null) =>
  code && nameVi ? { code, nameVi, nameEn: nameEn ?? nameVi } : null;

// Free-text fields of the timeline that may carry personal data typed by staff, reporters or partners.
const textDetails = ['note', 'reason', 'result', 'comment', 'instruction', 'description', 'title', 'address'];

function publicDetails(details: Record<string, unknown>, reporterName: string | null): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      textDetails.includes(key) && typeof value === 'string'
        ? maskPersonalData(value, reporterName)
        : key === 'media' && Array.isArray(value)
          ? publicMedia(value.filter((link) => typeof link === 'string'))
          : value,
    ]),
  );
}

export function publicTimeline(rows: TimelineRow[], reporterName: string | null = null) {
  return rows.map((row) => ({
    at: row.at.toISOString(),
    type: row.type,
    actorRole: row.actor_role,
    actorUnit: row.actor_unit,
    details: publicDetails(row.details, reporterName),
  }));
}

/** Complaints and denunciations name people and follow other laws: their content is the reporter's alone. */
const notPublic =
  'Nội dung khiếu nại, tố cáo không được công khai. (The content of complaints and denunciations is not public.)';

type PublicHeadRow = Pick<
  ReportWithNames,
  | 'code'
  | 'status'
  | 'category_code'
  | 'category_name_vi'
  | 'category_name_en'
  | 'ward_code'
  | 'ward_name_vi'
  | 'ward_name_en'
  | 'unit_code'
  | 'unit_name_vi'
  | 'unit_name_en'
  | 'title'
  | 'description'
  | 'reporter_name'
  | 'submitted_at'
  | 'deadline_at'
  | 'resolved_at'
  | 'resolved_on_time'
  | 'overdue'
  | 'result'
  | 'rating'
>;

/** What the public sees of any report, in the list and in detail: free text masked. */
function publicHead(row: PublicHeadRow) {
  const masked = (text: string | null) => maskOptional(text, row.reporter_name);
  return {
    code: row.code,
    status: row.status,
    category: { code: row.category_code, nameVi: row.category_name_vi, nameEn: row.category_name_en },
    ward: named(row.ward_code, row.ward_name_vi, row.ward_name_en),
    unit: named(row.unit_code, row.unit_name_vi, row.unit_name_en),
    title: masked(row.title),
    description: masked(row.description) as string,
    submittedAt: row.submitted_at.toISOString(),
    deadlineAt: iso(row.deadline_at),
    resolvedAt: iso(row.resolved_at),
    resolvedOnTime: row.resolved_on_time,
    overdue: row.overdue,
    result: masked(row.result),
    rating: row.rating,
  };
}

export function publicReportView(row: ReportWithNames, timeline: TimelineRow[], withReporter: boolean) {
  const view = {
    ...publicHead(row),
    address: maskOptional(row.address, row.reporter_name),
    media: withReporter ? row.media : publicMedia(row.media),
    escalationLevel: row.escalation_level,
    timeline: publicTimeline(timeline, row.reporter_name),
    ...(withReporter
      ? {
          reporter: {
            name: row.reporter_name,
            phone: row.reporter_phone,
            email: row.reporter_email,
            anonymous: row.anonymous,
          },
        }
      : {}),
  };
  return row.category_kind === 'complaint' && !withReporter
    ? { ...view, title: null, description: notPublic, address: null, media: [] }
    : view;
}

export function taskItemView(row: ReportRow) {
  return {
    code: row.code,
    status: row.status,
    categoryCode: row.category_code,
    unitCode: row.unit_code,
    wardCode: row.ward_code,
    priority: row.priority,
    title: row.title,
    submittedAt: row.submitted_at.toISOString(),
    acceptDeadlineAt: iso(row.accept_deadline_at),
    deadlineAt: iso(row.deadline_at),
    overdue: row.overdue,
    escalationLevel: row.escalation_level,
    reopenCount: row.reopen_count,
    extensionPending: row.extension_pending,
  };
}

/** A report waiting for an extension decision, with what the unit asked for. */
export function pendingExtensionView(row: PendingExtensionRow) {
  return {
    ...taskItemView(row),
    requestedUntil: row.requested_until === null ? null : new Date(Number(row.requested_until)).toISOString(),
    reason: row.request_reason,
    requestedAt: iso(row.requested_at),
    requestedBy: row.requested_by,
  };
}

/** Staff see the reporter's contact details unless the reporter chose to stay anonymous to the unit. */
/**
 * A task as staff read it; `replyTemplateUses` mark the resolve steps whose result was written from
 * a reply template.
 */
export function taskDetailView(
  row: ReportRow,
  timeline: TimelineRow[],
  seesContacts: boolean,
  replyTemplateUses: ReplyTemplateUse[] = [],
) {
  const usedAt = new Map(replyTemplateUses.map((use) => [use.eventSeq, use]));
  const hidden = row.anonymous && !seesContacts;
  return {
    ...taskItemView(row),
    description: row.description,
    address: row.address,
    lat: row.lat,
    lng: row.lng,
    media: row.media,
    result: row.result,
    rating: row.rating,
    reporter: {
      name: hidden ? null : row.reporter_name,
      phone: hidden ? null : row.reporter_phone,
      email: hidden ? null : row.reporter_email,
      type: row.reporter_type,
      anonymous: row.anonymous,
    },
    timeline: timeline.map((entry) => ({
      at: entry.at.toISOString(),
      type: entry.type,
      actorId: entry.actor_id,
      actorRole: entry.actor_role,
      actorUnit: entry.actor_unit,
      details: entry.details,
      ...replyTemplateOf(usedAt.get(entry.seq)),
    })),
  };
}

const replyTemplateOf = (use: ReplyTemplateUse | undefined) =>
  use
    ? {
        replyTemplate: {
          code: use.templateCode,
          version: use.templateVersion,
          titleVi: use.titleVi,
          titleEn: use.titleEn,
        },
      }
    : {};

export type Timeliness = 'on_time' | 'late' | 'pending' | 'overdue';

/** How the report fares against its deadline: resolved on time or late, or still open (overdue or not). */
export function timeliness(row: {
  resolved_at: Date | null;
  resolved_on_time: boolean | null;
  overdue: boolean;
  deadline_at: Date | null;
  status: string;
}): Timeliness | null {
  if (row.resolved_at) return row.resolved_on_time ? 'on_time' : 'late';
  if (!(withUnitStatuses as readonly string[]).includes(row.status) || !row.deadline_at) return null;
  return row.overdue ? 'overdue' : 'pending';
}

const excerpt = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One report in the public list: no personal data, free text masked and shortened. */
export function publicSummaryView(row: PublicReportRow) {
  const head = publicHead(row);
  return {
    ...head,
    description: excerpt(head.description),
    result: head.result === null ? null : excerpt(head.result),
    timeliness: timeliness(row),
  };
}

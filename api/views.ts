// Shapes database rows into the API's response bodies. Public views never carry personal data:
// names, phones and e-mails appear only to the reporter (with the token) and to staff.
import type { ReportRow, ReportWithNames, TimelineRow } from '../db/reports';
import { maskContacts } from '../domain/redact';

const iso = (at: Date | null) => (at ? at.toISOString() : null);
const named = (code: string | null, nameVi: string | null, nameEn: string | null) => (code && nameVi ? { code, nameVi, nameEn: nameEn ?? nameVi } : null);

// Free-text fields of the timeline that may carry contact details typed by staff or reporters.
const textDetails = ['note', 'reason', 'result', 'comment', 'instruction'];

function publicDetails(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, textDetails.includes(key) && typeof value === 'string' ? maskContacts(value) : value]));
}

export function publicTimeline(rows: TimelineRow[]) {
  return rows.map((row) => ({ at: row.at.toISOString(), type: row.type, actorRole: row.actor_role, actorUnit: row.actor_unit, details: publicDetails(row.details) }));
}

export function publicReportView(row: ReportWithNames, timeline: TimelineRow[], withReporter: boolean) {
  return {
    code: row.code,
    status: row.status,
    category: { code: row.category_code, nameVi: row.category_name_vi, nameEn: row.category_name_en },
    ward: named(row.ward_code, row.ward_name_vi, row.ward_name_en),
    unit: named(row.unit_code, row.unit_name_vi, row.unit_name_en),
    title: row.title === null ? null : maskContacts(row.title),
    description: maskContacts(row.description),
    address: row.address,
    submittedAt: row.submitted_at.toISOString(),
    deadlineAt: iso(row.deadline_at),
    resolvedAt: iso(row.resolved_at),
    resolvedOnTime: row.resolved_on_time,
    overdue: row.overdue,
    escalationLevel: row.escalation_level,
    result: row.result === null ? null : maskContacts(row.result),
    rating: row.rating,
    timeline: publicTimeline(timeline),
    ...(withReporter ? { reporter: { name: row.reporter_name, phone: row.reporter_phone, email: row.reporter_email, anonymous: row.anonymous } } : {}),
  };
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

/** Staff see the reporter's contact details unless the reporter chose to stay anonymous to the unit. */
export function taskDetailView(row: ReportRow, timeline: TimelineRow[], seesContacts: boolean) {
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
    timeline: timeline.map((entry) => ({ ...publicTimeline([entry])[0], details: entry.details, actorId: entry.actor_id })),
  };
}

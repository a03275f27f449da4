// Report read-model queries: intake, the steps written by the workflow, and the reads behind
// the public view, the task list and triage.
import type { Db } from './pool';
import { query } from './pool';
import type { ReportEvent, ReportSnapshot, ReportStatus } from '../domain/report';
import type { StaffActor } from '../domain/roles';

export interface NewReport {
  id: string;
  /** a given tracking code; unset: the next one of `codeYear` */
  code?: string;
  /** two digits of the local year, for generated codes */
  codeYear?: string;
  idempotencyKey: string | null;
  categoryCode: string;
  title: string | null;
  description: string;
  wardCode: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterEmail: string | null;
  reporterType: string;
  anonymous: boolean;
  channel: string;
  media: string[];
  /** the operator who submitted it on a caller's behalf */
  submittedBy?: StaffActor | null;
}

export interface ReportRow {
  id: string;
  code: string;
  status: ReportStatus;
  category_code: string;
  title: string | null;
  description: string;
  ward_code: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_email: string | null;
  reporter_type: string;
  anonymous: boolean;
  channel: string;
  media: string[];
  submitted_at: Date;
  workflow_started_at: Date | null;
  unit_code: string | null;
  priority: string;
  rule_version: number | null;
  accept_deadline_at: Date | null;
  deadline_at: Date | null;
  accepted_at: Date | null;
  resolved_at: Date | null;
  resolved_on_time: boolean | null;
  overdue: boolean;
  escalation_level: number;
  reopen_count: number;
  extension_pending: boolean;
  result: string | null;
  rating: number | null;
  rating_comment: string | null;
  closed_at: Date | null;
}

/**
 * Inserts the report and its first timeline entry in one statement (atomic, one round trip) and
 * returns it; nothing when the idempotency key exists. Without a given code it gets the next
 * tracking code of the year: `PA26-000123`.
 */
export async function insertReport(db: Db, report: NewReport): Promise<ReportRow | undefined> {
  const operator = report.submittedBy ?? null;
  const [row] = await query<ReportRow>(
    db,
    `WITH report AS (
       INSERT INTO reports (id, code, idempotency_key, category_code, title, description, ward_code,
         address, lat, lng, reporter_name, reporter_phone, reporter_email, reporter_type, anonymous, channel, media)
       VALUES ($1, CASE WHEN $2::text IS NULL THEN 'PA' || $18 || '-' || lpad(nextval('report_code_seq')::text, 6, '0') ELSE $2 END,
               $3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING *),
     submitted AS (
       INSERT INTO report_events (report_id, seq, at, type, actor_id, actor_role, actor_unit, details)
       SELECT id, 0, submitted_at, 'submitted', $19, $20, $21, $22 FROM report)
     SELECT * FROM report`,
    [
      report.id,
      report.code ?? null,
      report.idempotencyKey,
      report.categoryCode,
      report.title,
      report.description,
      report.wardCode,
      report.address,
      report.lat,
      report.lng,
      report.reporterName,
      report.reporterPhone,
      report.reporterEmail,
      report.reporterType,
      report.anonymous,
      report.channel,
      JSON.stringify(report.media),
      report.codeYear ?? '00',
      operator?.id ?? 'reporter',
      operator?.role ?? null,
      operator?.unitCode ?? null,
      JSON.stringify({ channel: report.channel }),
    ],
  );
  return row;
}

export async function findReportByIdempotencyKey(db: Db, key: string): Promise<ReportRow | undefined> {
  const [row] = await query<ReportRow>(db, 'SELECT * FROM reports WHERE idempotency_key = $1', [key]);
  return row;
}

export async function findReportById(db: Db, id: string): Promise<ReportRow | undefined> {
  const [row] = await query<ReportRow>(db, 'SELECT * FROM reports WHERE id = $1', [id]);
  return row;
}

export async function findReportByCode(db: Db, code: string): Promise<ReportRow | undefined> {
  const [row] = await query<ReportRow>(db, 'SELECT * FROM reports WHERE code = $1', [code]);
  return row;
}

export async function markWorkflowStarted(db: Db, reportId: string): Promise<void> {
  await query(db, 'UPDATE reports SET workflow_started_at = coalesce(workflow_started_at, now()) WHERE id = $1', [
    reportId,
  ]);
}

/** Reports accepted while Temporal was unreachable, oldest first. */
export async function listReportsWithoutWorkflow(
  db: Db,
  olderThanSeconds: number,
  limit: number,
): Promise<ReportRow[]> {
  return query<ReportRow>(
    db,
    `SELECT * FROM reports WHERE workflow_started_at IS NULL AND submitted_at < now() - make_interval(secs => $1)
      ORDER BY submitted_at LIMIT $2`,
    [olderThanSeconds, limit],
  );
}

const ts = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * Writes one workflow step in one statement: the timeline entry once, the snapshot only if it is
 * newer (a retried or replayed step changes nothing).
 */
export async function writeStep(
  db: Db,
  reportId: string,
  seq: number,
  event: ReportEvent,
  snapshot: ReportSnapshot,
): Promise<void> {
  const actor = event.actor.kind === 'staff' ? event.actor : null;
  await query(
    db,
    `WITH timeline AS (
       INSERT INTO report_events (report_id, seq, at, type, actor_id, actor_role, actor_unit, details)
       VALUES ($1, $2, $20, $21, $22, $23, $24, $25) ON CONFLICT (report_id, seq) DO NOTHING
     )
     UPDATE reports SET status = $3, unit_code = $4, priority = $5, rule_version = $6, accept_deadline_at = $7, deadline_at = $8,
       accepted_at = $9, resolved_at = $10, resolved_on_time = $11, overdue = $12, escalation_level = $13, reopen_count = $14,
       extension_pending = $15, result = $16, rating = $17, rating_comment = $18, closed_at = $19, last_seq = $2, updated_at = now(),
       workflow_started_at = coalesce(workflow_started_at, now())
     WHERE id = $1 AND last_seq < $2`,
    [
      reportId,
      seq,
      snapshot.status,
      snapshot.unitCode,
      snapshot.priority,
      snapshot.ruleVersion,
      ts(snapshot.acceptDeadlineAt),
      ts(snapshot.deadlineAt),
      ts(snapshot.acceptedAt),
      ts(snapshot.resolvedAt),
      snapshot.resolvedOnTime,
      snapshot.overdue,
      snapshot.escalationLevel,
      snapshot.reopenCount,
      snapshot.extensionPending,
      snapshot.result,
      snapshot.rating,
      snapshot.ratingComment,
      ts(snapshot.closedAt),
      new Date(event.at),
      event.type,
      actor?.id ?? (event.actor.kind === 'reporter' ? 'reporter' : 'system'),
      actor?.role ?? null,
      actor?.unitCode ?? null,
      JSON.stringify(event.details),
    ],
  );
}

export interface TimelineRow {
  seq: number;
  at: Date;
  type: string;
  actor_id: string | null;
  actor_role: string | null;
  actor_unit: string | null;
  details: Record<string, unknown>;
}

export async function listTimeline(db: Db, reportId: string): Promise<TimelineRow[]> {
  return query<TimelineRow>(
    db,
    'SELECT seq, at, type, actor_id, actor_role, actor_unit, details FROM report_events WHERE report_id = $1 ORDER BY seq',
    [reportId],
  );
}

export interface TaskFilter {
  unitPath: string;
  /** null: every status */
  statuses: ReportStatus[] | null;
  overdue?: boolean;
  categoryCode?: string;
  /** a text the code, title, address or description contains (case-insensitive) */
  text?: string;
  limit: number;
  offset: number;
}

/** Reports assigned to units inside the caller's scope; the scope is part of the query. */
export async function listTasks(db: Db, filter: TaskFilter): Promise<{ rows: ReportRow[]; total: number }> {
  const where = `u.path LIKE $1 || '%' AND ($2::text[] IS NULL OR r.status = ANY($2)) AND ($3::boolean IS NULL OR r.overdue = $3)
                 AND ($4::text IS NULL OR r.category_code = $4)
                 AND ($5::text IS NULL OR concat_ws(' ', r.code, r.title, r.address, r.description) ILIKE '%' || $5 || '%')`;
  const text = filter.text ? filter.text.replace(/[\\%_]/g, (c) => `\\${c}`) : null;
  const params = [filter.unitPath, filter.statuses, filter.overdue ?? null, filter.categoryCode ?? null, text];
  const rows = await query<ReportRow>(
    db,
    `SELECT r.* FROM reports r JOIN units u ON u.code = r.unit_code WHERE ${where}
      ORDER BY r.overdue DESC, r.deadline_at NULLS LAST, r.submitted_at LIMIT $6 OFFSET $7`,
    [...params, filter.limit, filter.offset],
  );
  const [count] = await query<{ total: number }>(
    db,
    `SELECT count(*) AS total FROM reports r JOIN units u ON u.code = r.unit_code WHERE ${where}`,
    params,
  );
  return { rows, total: count.total };
}

export async function listTriage(db: Db, limit: number, offset: number): Promise<{ rows: ReportRow[]; total: number }> {
  const rows = await query<ReportRow>(
    db,
    "SELECT * FROM reports WHERE status = 'triage' ORDER BY submitted_at LIMIT $1 OFFSET $2",
    [limit, offset],
  );
  const [count] = await query<{ total: number }>(db, "SELECT count(*) AS total FROM reports WHERE status = 'triage'");
  return { rows, total: count.total };
}

export interface PendingExtensionRow extends ReportRow {
  requested_until: string | null;
  request_reason: string | null;
  requested_at: Date | null;
  requested_by: string | null;
}

/** Reports whose unit waits for an extension decision, oldest request first, with the request itself. */
export async function listPendingExtensions(
  db: Db,
  limit: number,
  offset: number,
): Promise<{ rows: PendingExtensionRow[]; total: number }> {
  const rows = await query<PendingExtensionRow>(
    db,
    `SELECT r.*, e.details->>'until' AS requested_until, e.details->>'reason' AS request_reason,
            e.at AS requested_at, e.actor_id AS requested_by
       FROM reports r
       LEFT JOIN LATERAL (
         SELECT at, actor_id, details FROM report_events
          WHERE report_id = r.id AND type = 'extension_requested' ORDER BY seq DESC LIMIT 1) e ON true
      WHERE r.extension_pending
      ORDER BY e.at NULLS LAST, r.submitted_at LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  const [count] = await query<{ total: number }>(db, 'SELECT count(*) AS total FROM reports WHERE extension_pending');
  return { rows, total: count.total };
}

/** The names views show beside a report's category, ward and unit codes. */
export interface ReportNames {
  category_name_vi: string;
  category_name_en: string;
  ward_name_vi: string | null;
  ward_name_en: string | null;
  unit_name_vi: string | null;
  unit_name_en: string | null;
}

export interface ReportWithNames extends ReportRow, ReportNames {
  /** 'complaint': complaints and denunciations, whose content is never public */
  category_kind: string;
}

/** A report with the names of its category, ward and unit, for the public view. */
export async function findReportWithNames(db: Db, code: string): Promise<ReportWithNames | undefined> {
  const [row] = await query<ReportWithNames>(
    db,
    `SELECT r.*, c.name_vi AS category_name_vi, c.name_en AS category_name_en, c.kind AS category_kind, w.name_vi AS ward_name_vi, w.name_en AS ward_name_en,
            u.name_vi AS unit_name_vi, u.name_en AS unit_name_en
       FROM reports r JOIN categories c ON c.code = r.category_code
       LEFT JOIN units w ON w.code = r.ward_code LEFT JOIN units u ON u.code = r.unit_code
      WHERE r.code = $1`,
    [code],
  );
  return row;
}

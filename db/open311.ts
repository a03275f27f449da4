// Read and write queries behind Open311: service requests with the names their public view
// needs, which partner submitted a report, partner comments, and the update feed (timeline
// steps and comments by time window) for mySociety's servicerequestupdates.
import type { Db } from './pool';
import type { ReportNames } from './reports';
import { query } from './pool';
import type { ReportStatus } from '../domain/report';

export interface Open311RequestRow extends ReportNames {
  id: string;
  code: string;
  status: ReportStatus;
  category_code: string;
  category_kind: 'feedback' | 'complaint';
  title: string | null;
  description: string;
  address: string | null;
  ward_code: string | null;
  unit_code: string | null;
  lat: number | null;
  lng: number | null;
  media: string[];
  submitted_at: Date;
  updated_at: Date;
  deadline_at: Date | null;
  result: string | null;
  /** only to mask the name where the reporter typed it; never shown */
  reporter_name: string | null;
}

const selectRequests = `
  SELECT r.id, r.code, r.status, r.category_code, c.name_vi AS category_name_vi, c.name_en AS category_name_en, c.kind AS category_kind,
         r.title, r.description, r.address, r.ward_code, w.name_vi AS ward_name_vi, w.name_en AS ward_name_en,
         r.unit_code, u.name_vi AS unit_name_vi, u.name_en AS unit_name_en, r.lat, r.lng, r.media,
         r.submitted_at, r.updated_at, r.deadline_at, r.result, r.reporter_name
    FROM reports r JOIN categories c ON c.code = r.category_code
    LEFT JOIN units w ON w.code = r.ward_code LEFT JOIN units u ON u.code = r.unit_code`;

export async function findOpen311Requests(db: Db, codes: string[]): Promise<Open311RequestRow[]> {
  return query<Open311RequestRow>(
    db,
    `${selectRequests} WHERE r.code = ANY($1::text[]) ORDER BY r.submitted_at DESC, r.code DESC`,
    [codes],
  );
}

export interface RequestFilter {
  from: Date;
  to: Date;
  serviceCodes: string[] | null;
  statuses: readonly ReportStatus[] | null;
  limit: number;
  offset: number;
}

/** Requests submitted in [from, to], newest first; the time range is the index's. */
export async function listOpen311Requests(db: Db, filter: RequestFilter): Promise<Open311RequestRow[]> {
  return query<Open311RequestRow>(
    db,
    `${selectRequests}
      WHERE r.submitted_at >= $1 AND r.submitted_at <= $2
        AND ($3::text[] IS NULL OR r.category_code = ANY($3)) AND ($4::text[] IS NULL OR r.status = ANY($4))
      ORDER BY r.submitted_at DESC, r.code DESC LIMIT $5 OFFSET $6`,
    [filter.from, filter.to, filter.serviceCodes, filter.statuses, filter.limit, filter.offset],
  );
}

export interface Submission {
  reportId: string;
  keyId: string;
  partner: string;
  deviceId: string | null;
  accountId: string | null;
}

export async function recordSubmission(db: Db, submission: Submission): Promise<void> {
  await query(
    db,
    `INSERT INTO open311_submissions (report_id, key_id, partner, device_id, account_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (report_id) DO NOTHING`,
    [submission.reportId, submission.keyId, submission.partner, submission.deviceId, submission.accountId],
  );
}

export async function findSubmissionPartner(db: Db, reportId: string): Promise<string | undefined> {
  const [row] = await query<{ partner: string }>(db, 'SELECT partner FROM open311_submissions WHERE report_id = $1', [
    reportId,
  ]);
  return row?.partner;
}

export interface NewComment {
  reportId: string;
  keyId: string;
  partner: string;
  description: string;
  mediaUrl: string | null;
  externalId: string | null;
}

/** Stores a partner's comment once per (partner, external id); returns its id either way. */
export async function insertComment(db: Db, comment: NewComment): Promise<number> {
  const [inserted] = await query<{ id: number }>(
    db,
    `INSERT INTO open311_comments (report_id, key_id, partner, description, media_url, external_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (partner, external_id) DO NOTHING RETURNING id`,
    [comment.reportId, comment.keyId, comment.partner, comment.description, comment.mediaUrl, comment.externalId],
  );
  if (inserted) return inserted.id;
  const [existing] = await query<{ id: number }>(
    db,
    'SELECT id FROM open311_comments WHERE partner = $1 AND external_id = $2',
    [comment.partner, comment.externalId],
  );
  return existing.id;
}

export interface UpdateRow {
  code: string;
  seq: number | null;
  comment_id: number | null;
  at: Date;
  type: string;
  details: Record<string, unknown>;
  unit_name_vi: string | null;
  unit_name_en: string | null;
  report_status: ReportStatus;
  /** only to mask the name where the reporter typed it; never shown */
  reporter_name: string | null;
}

/**
 * Timeline steps of the given types and partner comments in [from, to], oldest first. Each branch
 * is cut at offset + limit in index order (report_events.at, open311_comments.at), so a page
 * never sorts the whole window.
 */
export async function listUpdates(
  db: Db,
  from: Date,
  to: Date,
  types: readonly string[],
  limit: number,
  offset: number,
): Promise<UpdateRow[]> {
  return query<UpdateRow>(
    db,
    `SELECT u.*, r.code, r.status AS report_status, r.reporter_name, n.name_vi AS unit_name_vi, n.name_en AS unit_name_en FROM (
       (SELECT e.report_id, e.seq, NULL::bigint AS comment_id, e.at, e.type, e.details FROM report_events e
         WHERE e.at >= $1 AND e.at <= $2 AND e.type = ANY($3::text[]) ORDER BY e.at, e.report_id, e.seq LIMIT $4)
       UNION ALL
       (SELECT c.report_id, NULL, c.id, c.at, 'comment', jsonb_build_object('description', c.description, 'mediaUrl', c.media_url) FROM open311_comments c
         WHERE c.at >= $1 AND c.at <= $2 ORDER BY c.at, c.report_id, c.id LIMIT $4)
     ) u JOIN reports r ON r.id = u.report_id
     LEFT JOIN units n ON n.code = coalesce(u.details->>'toUnit', u.details->>'unitCode')
     ORDER BY u.at, u.report_id, u.seq NULLS LAST, u.comment_id LIMIT $5 OFFSET $6`,
    [from, to, types, offset + limit, limit, offset],
  );
}

// Reply template queries: every template (inactive ones too), the ones offered for a category,
// saving a version (bumped, its snapshot kept in the same transaction), the versions kept, and
// the record of which template a result was written from.
import type { Db } from './pool';
import { query } from './pool';

export interface ReplyTemplateRecord {
  code: string;
  /** null: offered for every category */
  categoryCode: string | null;
  titleVi: string;
  titleEn: string;
  /** Vietnamese text with {{variables}} (domain/replyTemplates.ts) */
  bodyVi: string;
  active: boolean;
  version: number;
}

const columns = `code, category_code AS "categoryCode", title_vi AS "titleVi", title_en AS "titleEn",
  body_vi AS "bodyVi", active, version`;

export async function listAllReplyTemplates(db: Db): Promise<ReplyTemplateRecord[]> {
  return query<ReplyTemplateRecord>(
    db,
    `SELECT ${columns} FROM reply_templates ORDER BY category_code NULLS LAST, code`,
  );
}

/** Active templates of the category, then those for every category. */
export async function listReplyTemplatesFor(db: Db, categoryCode: string): Promise<ReplyTemplateRecord[]> {
  return query<ReplyTemplateRecord>(
    db,
    `SELECT ${columns} FROM reply_templates WHERE active AND (category_code = $1 OR category_code IS NULL)
      ORDER BY category_code NULLS LAST, code`,
    [categoryCode],
  );
}

/** The template, locked for an edit when read inside a transaction. */
export async function findReplyTemplate(db: Db, code: string): Promise<ReplyTemplateRecord | undefined> {
  const [row] = await query<ReplyTemplateRecord>(
    db,
    `SELECT ${columns} FROM reply_templates WHERE code = $1 FOR UPDATE`,
    [code],
  );
  return row;
}

/** Inserts (version 1) or updates (version + 1) a template and keeps the snapshot. */
export async function saveReplyTemplateVersion(
  db: Db,
  template: Omit<ReplyTemplateRecord, 'version'>,
  by: string,
): Promise<ReplyTemplateRecord> {
  const [saved] = await query<ReplyTemplateRecord>(
    db,
    `INSERT INTO reply_templates (code, category_code, title_vi, title_en, body_vi, active)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (code) DO UPDATE SET category_code = $2, title_vi = $3, title_en = $4, body_vi = $5, active = $6,
       version = reply_templates.version + 1
     RETURNING ${columns}`,
    [template.code, template.categoryCode, template.titleVi, template.titleEn, template.bodyVi, template.active],
  );
  await query(db, 'INSERT INTO reply_template_versions (code, version, snapshot, changed_by) VALUES ($1, $2, $3, $4)', [
    saved.code,
    saved.version,
    JSON.stringify(saved),
    by,
  ]);
  return saved;
}

export async function listReplyTemplateVersions(
  db: Db,
  code: string,
): Promise<{ version: number; snapshot: ReplyTemplateRecord; changedBy: string; changedAt: Date }[]> {
  return query(
    db,
    `SELECT version, snapshot, changed_by AS "changedBy", changed_at AS "changedAt"
       FROM reply_template_versions WHERE code = $1 ORDER BY version`,
    [code],
  );
}

/**
 * Records that the staff member's latest resolve step of the report was written from the template;
 * once per step, so a retried request (same Idempotency-Key, same step) changes nothing. Returns
 * whether a row was added.
 */
export async function recordReplyTemplateUse(
  db: Db,
  use: { reportId: string; templateCode: string; templateVersion: number; staffId: string },
): Promise<boolean> {
  const result = await query<{ event_seq: number }>(
    db,
    `INSERT INTO reply_template_uses (report_id, event_seq, template_code, template_version, staff_id)
     SELECT report_id, seq, $2, $3, $4 FROM report_events
      WHERE report_id = $1 AND type = 'resolved' AND actor_id = $4 ORDER BY seq DESC LIMIT 1
     ON CONFLICT (report_id, event_seq) DO NOTHING
     RETURNING event_seq`,
    [use.reportId, use.templateCode, use.templateVersion, use.staffId],
  );
  return result.length > 0;
}

export interface ReplyTemplateUse {
  eventSeq: number;
  templateCode: string;
  templateVersion: number;
  /** the title of the version used */
  titleVi: string;
  titleEn: string;
  staffId: string;
  usedAt: Date;
}

export async function listReplyTemplateUses(db: Db, reportId: string): Promise<ReplyTemplateUse[]> {
  return query<ReplyTemplateUse>(
    db,
    `SELECT u.event_seq AS "eventSeq", u.template_code AS "templateCode", u.template_version AS "templateVersion",
            v.snapshot->>'titleVi' AS "titleVi", v.snapshot->>'titleEn' AS "titleEn",
            u.staff_id AS "staffId", u.used_at AS "usedAt"
       FROM reply_template_uses u
       JOIN reply_template_versions v ON v.code = u.template_code AND v.version = u.template_version
      WHERE u.report_id = $1 ORDER BY u.event_seq`,
    [reportId],
  );
}

export async function replyTemplateVersionExists(db: Db, code: string, version: number): Promise<boolean> {
  const rows = await query(db, 'SELECT 1 FROM reply_template_versions WHERE code = $1 AND version = $2', [
    code,
    version,
  ]);
  return rows.length > 0;
}

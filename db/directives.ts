// Directive SQL: selecting the open reports a leader aims at (always within the leader's scope),
// recording the directive with its targets and units, its progress, and the reads behind
// GET /api/v1/directives/{id}.
import type { Db } from './pool';
import { query } from './pool';
import type { DirectiveTarget, TargetedReport, TargetedUnit } from '../domain/directive';

export interface TargetSelection {
  /** the leader's subtree: only reports handled there can be targeted */
  scopePath: string;
  target: DirectiveTarget;
  /** "now" for overdueOnly */
  asOf: Date;
}

// Open reports with a handling unit and a running process, filtered by the target's fields.
const targetFilter = `
  FROM reports r JOIN units u ON u.code = r.unit_code
 WHERE r.status IN ('assigned', 'in_progress') AND r.workflow_started_at IS NOT NULL
   AND starts_with(u.path, $1)
   AND ($2::text IS NULL OR r.code = $2)
   AND ($3::text IS NULL OR starts_with(u.path, (SELECT path FROM units WHERE code = $3)))
   AND ($4::text IS NULL OR r.ward_code = $4)
   AND ($5::text IS NULL OR r.category_code = $5)
   AND (NOT $6 OR r.overdue OR r.deadline_at <= $7)`;

function filterParams(selection: TargetSelection): unknown[] {
  const t = selection.target;
  const one = 'reportCode' in t ? t : null;
  const set = 'reportCode' in t ? null : t;
  return [
    selection.scopePath,
    one?.reportCode ?? null,
    set?.unitCode ?? null,
    set?.wardCode ?? null,
    set?.categoryCode ?? null,
    set?.overdueOnly ?? false,
    selection.asOf,
  ];
}

export async function countDirectiveTargets(db: Db, selection: TargetSelection): Promise<number> {
  const [row] = await query<{ count: number }>(db, `SELECT count(*) ${targetFilter}`, filterParams(selection));
  return row.count;
}

export async function selectDirectiveTargets(
  db: Db,
  selection: TargetSelection,
  limit: number,
): Promise<Array<TargetedReport & { unitPath: string }>> {
  return query(
    db,
    `SELECT r.id AS "reportId", r.unit_code AS "unitCode", u.path AS "unitPath" ${targetFilter} ORDER BY r.submitted_at, r.id LIMIT $8`,
    [...filterParams(selection), limit],
  );
}

export interface NewDirective {
  id: string;
  leaderId: string;
  leaderUnitCode: string;
  target: DirectiveTarget;
  instruction: string;
  issuedAt: Date;
  dueAt: Date;
}

/** Inserts the directive; false when it exists already (a retried activity). */
export async function insertDirective(db: Db, d: NewDirective): Promise<boolean> {
  const rows = await query(
    db,
    `INSERT INTO directives (id, leader_id, leader_unit_code, target, instruction, issued_at, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [d.id, d.leaderId, d.leaderUnitCode, JSON.stringify(d.target), d.instruction, d.issuedAt, d.dueAt],
  );
  return rows.length > 0;
}

export async function insertDirectiveTargets(
  db: Db,
  directiveId: string,
  targets: TargetedReport[],
  units: TargetedUnit[],
): Promise<void> {
  await query(
    db,
    'INSERT INTO directive_targets (directive_id, report_id, unit_code) SELECT $1, unnest($2::uuid[]), unnest($3::text[])',
    [directiveId, targets.map((t) => t.reportId), targets.map((t) => t.unitCode)],
  );
  await query(
    db,
    'INSERT INTO directive_units (directive_id, unit_code, targets) SELECT $1, unnest($2::text[]), unnest($3::int[])',
    [directiveId, units.map((u) => u.unitCode), units.map((u) => u.targets)],
  );
}

export async function loadDirectiveTargets(
  db: Db,
  directiveId: string,
): Promise<{ targets: TargetedReport[]; units: TargetedUnit[] }> {
  const targets = await query<TargetedReport>(
    db,
    'SELECT report_id AS "reportId", unit_code AS "unitCode" FROM directive_targets WHERE directive_id = $1 ORDER BY report_id',
    [directiveId],
  );
  const units = await query<TargetedUnit>(
    db,
    `SELECT d.unit_code AS "unitCode", u.path AS "unitPath", d.targets FROM directive_units d JOIN units u ON u.code = d.unit_code
      WHERE d.directive_id = $1 ORDER BY d.unit_code`,
    [directiveId],
  );
  return { targets, units };
}

export async function markDirectiveReached(db: Db, directiveId: string, at: Date): Promise<void> {
  await query(db, 'UPDATE directives SET reached_at = coalesce(reached_at, $2) WHERE id = $1', [directiveId, at]);
}

export async function markTargetsDone(
  db: Db,
  directiveId: string,
  done: Array<{ reportId: string; at: number }>,
): Promise<void> {
  await query(
    db,
    `UPDATE directive_targets t SET done_at = d.at FROM (SELECT unnest($2::uuid[]) AS report_id, to_timestamp(unnest($3::float8[]) / 1000) AS at) d
      WHERE t.directive_id = $1 AND t.report_id = d.report_id AND t.done_at IS NULL`,
    [directiveId, done.map((d) => d.reportId), done.map((d) => d.at)],
  );
}

export async function acknowledgeDirectiveUnits(
  db: Db,
  directiveId: string,
  units: string[],
  by: string,
  at: Date,
): Promise<void> {
  await query(
    db,
    'UPDATE directive_units SET acknowledged_at = $4, acknowledged_by = $3 WHERE directive_id = $1 AND unit_code = ANY($2) AND acknowledged_at IS NULL',
    [directiveId, units, by, at],
  );
}

export async function raiseDirectiveEscalation(db: Db, directiveId: string, level: number): Promise<void> {
  await query(db, 'UPDATE directives SET escalation_level = greatest(escalation_level, $2) WHERE id = $1', [
    directiveId,
    level,
  ]);
}

export async function completeDirective(db: Db, directiveId: string, at: Date): Promise<void> {
  await query(db, 'UPDATE directives SET completed_at = coalesce(completed_at, $2) WHERE id = $1', [directiveId, at]);
}

/** Phones and e-mails of the issuing leader, or of the leaders of their unit when the id is not a staff member. */
/** The head of a unit, who answers a directive for it. */
export async function unitHeadContacts(
  db: Db,
  unitCode: string,
): Promise<Array<{ phone: string | null; email: string | null }>> {
  return query(db, 'SELECT head_phone AS phone, head_email AS email FROM units WHERE code = $1', [unitCode]);
}

export async function directiveLeaderContacts(
  db: Db,
  leaderId: string,
  leaderUnitCode: string,
): Promise<Array<{ phone: string | null; email: string | null }>> {
  return query(
    db,
    `SELECT phone, email FROM staff WHERE id = $1
     UNION ALL
     SELECT phone, email FROM staff WHERE role = 'leader' AND unit_code = $2 AND NOT EXISTS (SELECT 1 FROM staff WHERE id = $1)`,
    [leaderId, leaderUnitCode],
  );
}

export interface DirectiveRow {
  id: string;
  leader_id: string;
  leader_unit_code: string;
  leader_unit_path: string;
  target: DirectiveTarget;
  instruction: string;
  issued_at: Date;
  due_at: Date;
  reached_at: Date | null;
  escalation_level: number;
  completed_at: Date | null;
}

export async function findDirective(db: Db, id: string): Promise<DirectiveRow | undefined> {
  const [row] = await query<DirectiveRow>(
    db,
    'SELECT d.*, u.path AS leader_unit_path FROM directives d JOIN units u ON u.code = d.leader_unit_code WHERE d.id = $1',
    [id],
  );
  return row;
}

export interface DirectiveUnitRow {
  unit_code: string;
  unit_path: string;
  targets: number;
  done: number;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export async function listDirectiveUnits(db: Db, id: string): Promise<DirectiveUnitRow[]> {
  return query<DirectiveUnitRow>(
    db,
    `SELECT d.unit_code, u.path AS unit_path, d.targets, d.acknowledged_at, d.acknowledged_by,
            (SELECT count(*) FROM directive_targets t WHERE t.directive_id = d.directive_id AND t.unit_code = d.unit_code AND t.done_at IS NOT NULL) AS done
       FROM directive_units d JOIN units u ON u.code = d.unit_code WHERE d.directive_id = $1 ORDER BY d.unit_code`,
    [id],
  );
}

export interface DirectiveTargetRow {
  report_code: string;
  unit_code: string;
  status: string;
  deadline_at: Date | null;
  done_at: Date | null;
}

export async function listDirectiveTargets(db: Db, id: string): Promise<DirectiveTargetRow[]> {
  return query<DirectiveTargetRow>(
    db,
    `SELECT r.code AS report_code, t.unit_code, r.status, r.deadline_at, t.done_at
       FROM directive_targets t JOIN reports r ON r.id = t.report_id WHERE t.directive_id = $1 ORDER BY t.unit_code, r.code`,
    [id],
  );
}

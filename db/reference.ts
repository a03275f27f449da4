// Reference data queries: units, categories, the working-time calendar and rule sets.
import type { Db } from './pool';
import { query } from './pool';

export interface UnitRow {
  code: string;
  name_vi: string;
  name_en: string;
  type: string;
  parent_code: string | null;
  path: string;
  head_name: string | null;
  head_phone: string | null;
  head_email: string | null;
}

export interface CategoryRow {
  code: string;
  name_vi: string;
  name_en: string;
  description_vi: string;
  description_en: string;
  kind: 'feedback' | 'complaint';
}

const currentUnit = '(valid_to IS NULL OR valid_to > current_date)';

export async function findUnit(db: Db, code: string): Promise<UnitRow | undefined> {
  const [unit] = await query<UnitRow>(db, `SELECT * FROM units WHERE code = $1 AND ${currentUnit}`, [code]);
  return unit;
}

/**
 * The current unit a staff member acts in, with the directory's word on that person: `staff_active`
 * is null for a subject the directory does not know (a development token, an external provider's
 * user). One statement over two primary keys, so authenticating costs no extra round trip.
 */
export async function findActorUnit(
  db: Db,
  unitCode: string,
  staffId: string,
): Promise<{ code: string; path: string; staff_active: boolean | null } | undefined> {
  const [row] = await query<{ code: string; path: string; staff_active: boolean | null }>(
    db,
    `SELECT code, path, (SELECT active FROM staff WHERE id = $2) AS staff_active
       FROM units WHERE code = $1 AND ${currentUnit}`,
    [unitCode, staffId],
  );
  return row;
}

export async function listUnits(db: Db, type?: string): Promise<UnitRow[]> {
  return query<UnitRow>(
    db,
    `SELECT * FROM units WHERE ${currentUnit} AND ($1::text IS NULL OR type = $1) ORDER BY path`,
    [type ?? null],
  );
}

export async function findCategory(db: Db, code: string): Promise<CategoryRow | undefined> {
  const [category] = await query<CategoryRow>(db, 'SELECT * FROM categories WHERE code = $1 AND active', [code]);
  return category;
}

/** A report's category kind, also for a category retired since the report came in. */
export async function findCategoryKind(db: Db, code: string): Promise<CategoryRow['kind']> {
  const [row] = await query<{ kind: CategoryRow['kind'] }>(db, 'SELECT kind FROM categories WHERE code = $1', [code]);
  if (!row) throw new Error(`unknown category ${code}`);
  return row.kind;
}

export async function listCategories(db: Db): Promise<CategoryRow[]> {
  return query<CategoryRow>(db, 'SELECT * FROM categories WHERE active ORDER BY code');
}

export async function loadCalendarDays(db: Db): Promise<{ day: string; kind: 'holiday' | 'workday' }[]> {
  return query(db, "SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_days ORDER BY day");
}

export async function loadActiveRuleSet(db: Db): Promise<unknown> {
  const [row] = await query<{ rules: unknown }>(db, 'SELECT rules FROM rule_sets WHERE active');
  return row?.rules;
}

/** The head to escalate to above a unit: its parent's head, or the coordinator desk under the city root. */
export async function findEscalationUnit(db: Db, unitCode: string): Promise<UnitRow | undefined> {
  const [unit] = await query<UnitRow>(
    db,
    `SELECT * FROM (
       SELECT p.*, 0 AS rank FROM units u JOIN units p ON p.code = u.parent_code
        WHERE u.code = $1 AND p.parent_code IS NOT NULL
       UNION ALL
       SELECT c.*, 1 AS rank FROM units c WHERE c.type = 'coordinator'
     ) candidates ORDER BY rank, code LIMIT 1`,
    [unitCode],
  );
  return unit;
}

export async function findCoordinatorDesk(db: Db): Promise<UnitRow | undefined> {
  const [unit] = await query<UnitRow>(db, "SELECT * FROM units WHERE type = 'coordinator' ORDER BY code LIMIT 1");
  return unit;
}

/** The coordinators on the desk, who are told of reports waiting for triage and of extension requests. */
export async function findDeskCoordinators(db: Db): Promise<{ phone: string | null; email: string | null }[]> {
  return query(
    db,
    `SELECT s.phone, s.email FROM staff s JOIN units u ON u.code = s.unit_code
      WHERE s.role = 'coordinator' AND u.type = 'coordinator' ORDER BY s.id`,
  );
}

/** Leaders whose scope (their unit's subtree) contains the unit. */
export async function findLeadersOver(
  db: Db,
  unitCode: string,
): Promise<{ id: string; name: string; phone: string | null; email: string | null }[]> {
  return query(
    db,
    `SELECT s.id, s.name, s.phone, s.email FROM staff s
       JOIN units lu ON lu.code = s.unit_code
       JOIN units u ON u.code = $1
      WHERE s.role = 'leader' AND s.active AND u.path LIKE lu.path || '%'
      ORDER BY length(lu.path) DESC, s.id`,
    [unitCode],
  );
}

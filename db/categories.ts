// Category administration queries: every category (inactive ones too), saving a version, and the
// versions kept. Each save bumps the version and stores the snapshot in the same transaction.
import type { Db } from './pool';
import { query } from './pool';

export interface CategoryRecord {
  code: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  kind: 'feedback' | 'complaint';
  /** the category's own SLA policy as duration texts; null: the routing rules decide */
  sla: { accept: string; resolve: string } | null;
  active: boolean;
  version: number;
}

const columns = `code, name_vi AS "nameVi", name_en AS "nameEn", description_vi AS "descriptionVi",
  description_en AS "descriptionEn", kind, sla, active, version`;

export async function listAllCategories(db: Db): Promise<CategoryRecord[]> {
  return query<CategoryRecord>(db, `SELECT ${columns} FROM categories ORDER BY code`);
}

/**
 * Every category's own SLA policy by code, inactive categories' too (their reports are still
 * transferred and assigned): the routing rules' fallback before the rule set's defaults.
 */
export async function loadCategorySlas(db: Db): Promise<Map<string, NonNullable<CategoryRecord['sla']>>> {
  const rows = await query<{ code: string; sla: NonNullable<CategoryRecord['sla']> }>(
    db,
    'SELECT code, sla FROM categories WHERE sla IS NOT NULL',
  );
  return new Map(rows.map((row) => [row.code, row.sla]));
}

export async function findCategoryRecord(db: Db, code: string): Promise<CategoryRecord | undefined> {
  const [row] = await query<CategoryRecord>(db, `SELECT ${columns} FROM categories WHERE code = $1 FOR UPDATE`, [code]);
  return row;
}

/** Inserts (version 1) or updates (version + 1) a category and keeps the snapshot. */
export async function saveCategoryVersion(
  db: Db,
  category: Omit<CategoryRecord, 'version'>,
  by: string,
): Promise<CategoryRecord> {
  const [saved] = await query<CategoryRecord>(
    db,
    `INSERT INTO categories (code, name_vi, name_en, description_vi, description_en, kind, sla, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (code) DO UPDATE SET name_vi = $2, name_en = $3, description_vi = $4, description_en = $5,
       kind = $6, sla = $7, active = $8, version = categories.version + 1
     RETURNING ${columns}`,
    [
      category.code,
      category.nameVi,
      category.nameEn,
      category.descriptionVi,
      category.descriptionEn,
      category.kind,
      category.sla === null ? null : JSON.stringify(category.sla),
      category.active,
    ],
  );
  await query(db, 'INSERT INTO category_versions (code, version, snapshot, changed_by) VALUES ($1, $2, $3, $4)', [
    saved.code,
    saved.version,
    JSON.stringify(saved),
    by,
  ]);
  return saved;
}

export async function listCategoryVersions(
  db: Db,
  code: string,
): Promise<{ version: number; snapshot: CategoryRecord; changedBy: string; changedAt: Date }[]> {
  return query(
    db,
    `SELECT version, snapshot, changed_by AS "changedBy", changed_at AS "changedAt"
       FROM category_versions WHERE code = $1 ORDER BY version`,
    [code],
  );
}

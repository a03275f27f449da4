// Unit queries with history: the units valid on a day (with the name they had then), renames,
// merges and retirements that keep the lineage, and the registry as CSV rows for import/export.
import type { Db } from './pool';
import { query } from './pool';

export const unitTypes = ['city', 'department', 'ward', 'commune', 'special_zone', 'utility', 'coordinator'] as const;
export type UnitType = (typeof unitTypes)[number];

/** A unit as the registry (and its CSV) holds it. */
export interface UnitRecord {
  code: string;
  adminCode: string | null;
  nameVi: string;
  nameEn: string;
  type: UnitType;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  successorCode: string | null;
  source: string | null;
}

const columns = `u.code, u.admin_code AS "adminCode", u.type, u.parent_code AS "parentCode",
  to_char(u.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(u.valid_to, 'YYYY-MM-DD') AS "validTo",
  u.successor_code AS "successorCode", u.source`;

/** The units valid on `at` (valid_from <= at < valid_to), named as they were that day. */
export async function listUnitsAt(db: Db, at: string, type?: string): Promise<UnitRecord[]> {
  return query<UnitRecord>(
    db,
    `SELECT ${columns}, coalesce(n.name_vi, u.name_vi) AS "nameVi", coalesce(n.name_en, u.name_en) AS "nameEn"
       FROM units u
       LEFT JOIN unit_names n ON n.code = u.code AND n.valid_from <= $1::date AND $1::date < n.valid_to
      WHERE u.valid_from <= $1::date AND (u.valid_to IS NULL OR u.valid_to > $1::date)
        AND ($2::text IS NULL OR u.type = $2)
      ORDER BY u.path`,
    [at, type ?? null],
  );
}

/** Every unit ever recorded, current names: the registry as a city exports it. */
export async function listAllUnits(db: Db): Promise<UnitRecord[]> {
  return query<UnitRecord>(
    db,
    `SELECT ${columns}, u.name_vi AS "nameVi", u.name_en AS "nameEn" FROM units u ORDER BY u.path, u.valid_from`,
  );
}

export async function findUnitRecord(db: Db, code: string): Promise<(UnitRecord & { path: string }) | undefined> {
  const [unit] = await query<UnitRecord & { path: string }>(
    db,
    `SELECT ${columns}, u.name_vi AS "nameVi", u.name_en AS "nameEn", u.path FROM units u WHERE u.code = $1`,
    [code],
  );
  return unit;
}

/** A new name from `from` on; the former one stays answerable for the days before. */
export async function renameUnit(
  db: Db,
  input: { code: string; nameVi: string; nameEn: string; from: string },
): Promise<void> {
  await query(
    db,
    `INSERT INTO unit_names (code, name_vi, name_en, valid_from, valid_to)
     SELECT u.code, u.name_vi, u.name_en,
            coalesce((SELECT max(n.valid_to) FROM unit_names n WHERE n.code = u.code), u.valid_from), $2::date
       FROM units u WHERE u.code = $1`,
    [input.code, input.from],
  );
  await query(db, 'UPDATE units SET name_vi = $2, name_en = $3 WHERE code = $1', [
    input.code,
    input.nameVi,
    input.nameEn,
  ]);
}

/** The units end on `from` (exclusive); with a successor, their reports answer to it from that day. */
export async function endUnits(
  db: Db,
  input: { codes: string[]; from: string; successorCode: string | null },
): Promise<void> {
  await query(db, 'UPDATE units SET valid_to = $2, successor_code = $3 WHERE code = ANY($1)', [
    input.codes,
    input.from,
    input.successorCode,
  ]);
}

/** Inserts or updates a unit from the registry; its path follows its parent's. */
export async function upsertUnit(db: Db, unit: UnitRecord): Promise<void> {
  await query(
    db,
    `INSERT INTO units (code, admin_code, name_vi, name_en, type, parent_code, path, valid_from, valid_to, source)
     VALUES ($1, $2, $3, $4, $5, $6,
             coalesce((SELECT p.path FROM units p WHERE p.code = $6), '/') || $1 || '/', $7, $8, $9)
     ON CONFLICT (code) DO UPDATE SET admin_code = $2, name_vi = $3, name_en = $4, type = $5, parent_code = $6,
       path = EXCLUDED.path, valid_from = $7, valid_to = $8, source = $9`,
    [
      unit.code,
      unit.adminCode,
      unit.nameVi,
      unit.nameEn,
      unit.type,
      unit.parentCode,
      unit.validFrom,
      unit.validTo,
      unit.source,
    ],
  );
}

export async function setSuccessor(db: Db, code: string, successorCode: string | null): Promise<void> {
  await query(db, 'UPDATE units SET successor_code = $2 WHERE code = $1', [code, successorCode]);
}

/** A unit's former names, oldest first (the current name is the unit's own). */
export async function listFormerNames(
  db: Db,
  code: string,
): Promise<{ nameVi: string; nameEn: string; validFrom: string; validTo: string }[]> {
  return query(
    db,
    `SELECT name_vi AS "nameVi", name_en AS "nameEn", to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
            to_char(valid_to, 'YYYY-MM-DD') AS "validTo"
       FROM unit_names WHERE code = $1 ORDER BY valid_from`,
    [code],
  );
}

/** The units that ended into `code` (merged into it, or renamed to it), the latest first. */
export async function listPredecessors(db: Db, code: string): Promise<UnitRecord[]> {
  return query<UnitRecord>(
    db,
    `SELECT ${columns}, u.name_vi AS "nameVi", u.name_en AS "nameEn" FROM units u
      WHERE u.successor_code = $1 ORDER BY u.valid_to DESC, u.code`,
    [code],
  );
}

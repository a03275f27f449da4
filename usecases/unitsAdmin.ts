// Use cases of the unit registry, callable from the API routes and the admin pages alike: the
// units valid on a day, rename / merge / retire with their lineage, and the whole registry in and
// out as CSV with the official administrative codes. Each change is all-or-nothing and scoped:
// a ward's admin renames that ward; merging, retiring and importing are the city admin's.
import { parse } from 'csv-parse/sync';
import type pg from 'pg';
import { inTransaction } from '../db/pool';
import {
  endUnits,
  findUnitRecord,
  listAllUnits,
  listFormerNames,
  listPredecessors,
  listUnitsAt,
  renameUnit,
  setSuccessor,
  unitTypes,
  upsertUnit,
  type UnitRecord,
  type UnitType,
} from '../db/units';
import { toCsv } from '../domain/csv';
import { inScope, type StaffActor } from '../domain/roles';
import {
  bilingual,
  forbidden as forbiddenError,
  invalid as invalidError,
  invalidCsv,
  invalidReference,
  notFound as notFoundError,
  validationFailed,
  type FieldProblem,
} from '../api/errors';
import { requireCityAdmin } from './adminScope';

type Deps = { pool: pg.Pool };

export const unitCsvHeader = [
  'code',
  'admin_code',
  'name_vi',
  'name_en',
  'type',
  'parent_code',
  'valid_from',
  'valid_to',
  'successor_code',
  'source',
] as const;

export async function unitsValidOn(deps: Deps, at: string, type?: string): Promise<UnitRecord[]> {
  return listUnitsAt(deps.pool, at, type);
}

export async function renameUnitAction(
  deps: Deps,
  input: { actor: StaffActor; code: string; nameVi: string; nameEn: string; from: string },
): Promise<UnitRecord> {
  return inTransaction(deps.pool, async (client) => {
    const unit = await existingUnit(client, input.code, 'code', 'path');
    if (!inScope(input.actor, unit.path)) forbidden(`unit ${input.code} is outside your scope`);
    if (input.from <= unit.validFrom) invalid('from', `must be after the unit's start (${unit.validFrom})`);
    await renameUnit(client, input);
    return (await findUnitRecord(client, input.code))!;
  });
}

/** A unit the merge creates as the successor, valid from the merge's day (its parent: the first merged unit's, unless named). */
export interface NewSuccessor {
  nameVi: string;
  nameEn: string;
  type: UnitType;
  parentCode?: string;
  source?: string;
}

/**
 * The units end on `from`; from that day on their reports and statistics answer to `successorCode`:
 * an existing unit, or with `newSuccessor` a unit created under that code from `from` on.
 */
export async function mergeUnitsAction(
  deps: Deps,
  input: { actor: StaffActor; codes: string[]; successorCode: string; from: string; newSuccessor?: NewSuccessor },
): Promise<{ merged: string[]; successorCode: string; from: string }> {
  requireCityAdmin(input.actor, { vi: 'sáp nhập đơn vị', en: 'merge units' });
  if (input.codes.includes(input.successorCode)) invalid('successorCode', 'a unit cannot merge into itself');
  return inTransaction(deps.pool, async (client) => {
    for (const [index, code] of input.codes.entries())
      await checkStillValid(client, code, input.from, `codes.${index}`, 'body');
    if (input.newSuccessor)
      await createSuccessor(client, input.successorCode, input.from, input.codes, input.newSuccessor);
    const successor = await existingUnit(client, input.successorCode, 'successorCode', 'body');
    if (successor.validTo !== null && successor.validTo <= input.from)
      invalid('successorCode', `${input.successorCode} is no longer valid on ${input.from}`);
    await endUnits(client, { codes: input.codes, from: input.from, successorCode: input.successorCode });
    return { merged: input.codes, successorCode: input.successorCode, from: input.from };
  });
}

async function createSuccessor(
  db: pg.PoolClient,
  code: string,
  from: string,
  merged: string[],
  unit: NewSuccessor,
): Promise<void> {
  if (await findUnitRecord(db, code))
    invalid('successorCode', `${code} already exists: leave the new unit's names empty to merge into it`);
  const parentCode = unit.parentCode ?? (await findUnitRecord(db, merged[0]))?.parentCode ?? null;
  if (parentCode !== null) {
    const parent = await existingUnit(db, parentCode, 'newSuccessor.parentCode', 'body');
    if (parent.validFrom > from || (parent.validTo !== null && parent.validTo <= from))
      invalid('newSuccessor.parentCode', `${parentCode} is not valid on ${from}`);
  }
  await upsertUnit(db, {
    code,
    adminCode: null,
    nameVi: unit.nameVi,
    nameEn: unit.nameEn,
    type: unit.type,
    parentCode,
    validFrom: from,
    validTo: null,
    successorCode: null,
    source: unit.source ?? null,
  });
}

/** A unit with its lineage: former names, the units that ended into it, and the one it ended into. */
export interface UnitHistory {
  unit: UnitRecord;
  formerNames: { nameVi: string; nameEn: string; validFrom: string; validTo: string }[];
  predecessors: UnitRecord[];
  successor: UnitRecord | null;
}

/** A unit's history, for an admin whose scope holds it. */
export async function unitHistory(deps: Deps, input: { actor: StaffActor; code: string }): Promise<UnitHistory> {
  const found = await findUnitRecord(deps.pool, input.code);
  if (!found) notFound(input.code);
  if (!inScope(input.actor, found.path)) forbidden(`unit ${input.code} is outside your scope`);
  const [formerNames, predecessors, successor] = await Promise.all([
    listFormerNames(deps.pool, found.code),
    listPredecessors(deps.pool, found.code),
    found.successorCode ? findUnitRecord(deps.pool, found.successorCode) : undefined,
  ]);
  return { unit: withoutPath(found), formerNames, predecessors, successor: successor ? withoutPath(successor) : null };
}

export async function retireUnitAction(
  deps: Deps,
  input: { actor: StaffActor; code: string; from: string },
): Promise<UnitRecord> {
  requireCityAdmin(input.actor, { vi: 'giải thể đơn vị', en: 'retire units' });
  return inTransaction(deps.pool, async (client) => {
    await checkStillValid(client, input.code, input.from, 'code', 'path');
    await endUnits(client, { codes: [input.code], from: input.from, successorCode: null });
    return (await findUnitRecord(client, input.code))!;
  });
}

export async function exportUnitsCsv(deps: Deps): Promise<string> {
  const units = await listAllUnits(deps.pool);
  return toCsv(
    unitCsvHeader,
    units.map((unit) => [
      unit.code,
      unit.adminCode,
      unit.nameVi,
      unit.nameEn,
      unit.type,
      unit.parentCode,
      unit.validFrom,
      unit.validTo,
      unit.successorCode,
      unit.source,
    ]),
  );
}

/**
 * Loads a registry (the export's columns; unknown codes are added, known ones updated). Every row is
 * checked before anything is written; problems name the line and column ('line 3.parent_code').
 */
export async function importUnitsCsv(
  deps: Deps,
  input: { actor: StaffActor; csv: string },
): Promise<{ imported: number }> {
  requireCityAdmin(input.actor, { vi: 'nhập danh mục đơn vị', en: 'import units' });
  const rows = parseRegistry(input.csv);
  return inTransaction(deps.pool, async (client) => {
    const known = new Set((await listAllUnits(client)).map((unit) => unit.code));
    const incoming = new Set(rows.map(({ unit }) => unit.code));
    const problems: FieldProblem[] = [];
    for (const { line, unit } of rows) {
      for (const [column, code] of [
        ['parent_code', unit.parentCode],
        ['successor_code', unit.successorCode],
      ] as const) {
        if (code !== null && !known.has(code) && !incoming.has(code))
          problems.push({ field: `line ${line}.${column}`, message: `unknown unit ${code}` });
      }
    }
    if (problems.length) throw validationFailed(problems, 'Tệp đơn vị không hợp lệ (invalid CSV)');
    // Parents before children, then the lineage once every unit exists.
    const written = new Set(known);
    let pending = rows.map(({ unit }) => unit);
    while (pending.length) {
      const ready = pending.filter((unit) => unit.parentCode === null || written.has(unit.parentCode));
      if (ready.length === 0) invalid('csv', `parent cycle among ${pending.map((unit) => unit.code).join(', ')}`);
      for (const unit of ready) {
        await upsertUnit(client, unit);
        written.add(unit.code);
      }
      pending = pending.filter((unit) => !ready.includes(unit));
    }
    for (const { unit } of rows) await setSuccessor(client, unit.code, unit.successorCode);
    return { imported: rows.length };
  });
}

const codePattern = /^[A-Za-z0-9_.-]{1,40}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

// The body is well-formed text/csv by its media type; what its content lacks is answered 422,
// each problem named by line and column.
function parseRegistry(csv: string): { line: number; unit: UnitRecord }[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw invalidCsv([{ field: 'csv', message: (error as Error).message }], 'Không đọc được CSV (unreadable CSV)');
  }
  // A readable file that lists no unit: nothing to import (422, like any well-formed request the data refuses).
  if (records.length === 0)
    throw invalidCsv(
      [{ field: 'csv', message: `no rows; the header is ${unitCsvHeader.join(',')}` }],
      `Tệp không có dòng đơn vị nào (no rows; the header is ${unitCsvHeader.join(',')})`,
    );
  const missing = unitCsvHeader.filter((column) => !(column in records[0]));
  if (missing.length)
    throw invalidCsv(
      [{ field: 'csv', message: `missing columns: ${missing.join(', ')}` }],
      `Thiếu cột (missing columns: ${missing.join(', ')})`,
    );
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const rows = records.map((record, index) => {
    const line = index + 2;
    const problem = (column: string, message: string) => problems.push({ field: `line ${line}.${column}`, message });
    const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
    if (!codePattern.test(record.code)) problem('code', 'letters, digits, "-", "_" or "." (at most 40)');
    if (seen.has(record.code)) problem('code', `${record.code} appears twice`);
    seen.add(record.code);
    if (!unitTypes.includes(record.type as UnitType)) problem('type', `one of ${unitTypes.join(', ')}`);
    if (!record.name_vi) problem('name_vi', 'required');
    if (!datePattern.test(record.valid_from)) problem('valid_from', 'a YYYY-MM-DD date');
    if (record.valid_to && !(datePattern.test(record.valid_to) && record.valid_to > record.valid_from))
      problem('valid_to', 'empty, or a YYYY-MM-DD date after valid_from');
    const unit: UnitRecord = {
      code: record.code,
      adminCode: orNull(record.admin_code),
      nameVi: record.name_vi,
      nameEn: record.name_en || record.name_vi,
      type: record.type as UnitType,
      parentCode: orNull(record.parent_code),
      validFrom: record.valid_from,
      validTo: orNull(record.valid_to),
      successorCode: orNull(record.successor_code),
      source: orNull(record.source),
    };
    return { line, unit };
  });
  if (problems.length) throw invalidCsv(problems);
  return rows;
}

const withoutPath = ({ path: _path, ...unit }: UnitRecord & { path: string }): UnitRecord => unit;

/** Where a request names a unit: in its path (unknown: 404) or in a body field (an unknown reference: 422). */
type NamedIn = 'path' | 'body';

/** The unit the request names, or the refusal that fits where it named it. */
async function existingUnit(db: pg.PoolClient, code: string, field: string, namedIn: NamedIn) {
  const unit = await findUnitRecord(db, code);
  if (!unit) {
    if (namedIn === 'path') notFound(code, field);
    throw invalidReference([{ field, message: 'unknown unit' }], bilingual(`Không có đơn vị ${code}`, 'no such unit'));
  }
  return unit;
}

function notFound(code: string, field = 'code'): never {
  throw notFoundError('unit', bilingual(`Không có đơn vị ${code}`, 'no such unit'), [
    { field, message: 'unknown unit' },
  ]);
}

async function checkStillValid(
  db: pg.PoolClient,
  code: string,
  from: string,
  field: string,
  namedIn: NamedIn,
): Promise<void> {
  const unit = await existingUnit(db, code, field, namedIn);
  if (unit.validTo !== null) invalid(field, `${code} already ended on ${unit.validTo}`);
  if (from <= unit.validFrom) invalid(field, `${code} starts on ${unit.validFrom}: it can only end after that`);
}

function forbidden(message: string): never {
  throw forbiddenError(bilingual('Không có quyền', message), [{ field: 'unit', message }]);
}

/** A rule the unit registry's data refuses (dates, lineage): 422, since no schema can know the registry. */
function invalid(field: string, message: string): never {
  throw invalidError([{ field, message }], bilingual('Dữ liệu không hợp lệ', message));
}

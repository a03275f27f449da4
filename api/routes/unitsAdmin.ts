// Administration of the unit registry: rename, merge, retire, and the whole registry in and out as
// CSV with the official administrative codes. Handlers call the use cases in api/unitsAdmin.ts.
import { z } from 'zod';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../routeTable';
import { code } from '../schemas';
import {
  exportUnitsCsv,
  importUnitsCsv,
  mergeUnitsAction,
  renameUnitAction,
  retireUnitAction,
  unitCsvHeader,
  unitHistory,
} from '../../usecases/unitsAdmin';
import { unitTypes } from '../../db/units';

const day = z.iso.date({ error: 'phải là ngày YYYY-MM-DD (must be a YYYY-MM-DD date)' });
const name = z.string().trim().min(1).max(200);
const unitRecordSchema = z
  .object({
    code: z.string(),
    adminCode: z.string().nullable(),
    nameVi: z.string(),
    nameEn: z.string(),
    type: z.string(),
    parentCode: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    successorCode: z.string().nullable(),
    source: z.string().nullable(),
  })
  .openapi('UnitRecord');

const formerNameSchema = z.object({
  nameVi: z.string(),
  nameEn: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
});
const newSuccessorSchema = z
  .object({
    nameVi: name,
    nameEn: name,
    type: z.enum(unitTypes),
    parentCode: code.optional(),
    source: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .openapi('NewSuccessor', { description: 'a unit the merge creates under successorCode, valid from the merge day' });

export function addUnitAdminRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'post',
    path: '/api/v1/admin/units/import',
    tag: 'administration',
    access: ['admin'],
    summary: `Load a unit registry as CSV (columns ${unitCsvHeader.join(', ')}): new codes added, known ones updated`,
    textBody: { mediaType: 'text/csv', description: 'the registry, UTF-8, header row first (as the export gives it)' },
    responses: {
      200: { description: 'rows loaded', schema: z.object({ imported: z.number().int() }) },
      422: { description: 'the registry refuses the data: each problem named (line and column for a CSV)' },
    },
    async handle({ body, staff }) {
      return { status: 200, body: await importUnitsCsv(deps, { actor: staff, csv: body as string }) };
    },
  });

  table.add({
    method: 'get',
    path: '/api/v1/admin/units/export',
    tag: 'administration',
    access: ['admin'],
    summary: 'The whole unit registry, past units included, as CSV',
    responses: { 200: { description: 'the registry', schema: z.string(), mediaType: 'text/csv' } },
    async handle() {
      return { status: 200, body: await exportUnitsCsv(deps), contentType: 'text/csv; charset=utf-8' };
    },
  });

  table.add({
    method: 'get',
    path: '/api/v1/admin/units/:code',
    tag: 'administration',
    access: ['admin'],
    summary: 'A unit with its lineage: former names, the units that ended into it, and its successor',
    responses: {
      200: {
        description: 'the unit and its history',
        schema: z.object({
          unit: unitRecordSchema,
          formerNames: z.array(formerNameSchema),
          predecessors: z.array(unitRecordSchema),
          successor: unitRecordSchema.nullable(),
        }),
      },
      404: { description: 'no such unit' },
    },
    async handle({ params, staff }) {
      return { status: 200, body: await unitHistory(deps, { actor: staff, code: params.code }) };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/admin/units/:code/rename',
    tag: 'administration',
    access: ['admin'],
    summary: 'Rename a unit from a day on; the former name stays answerable for the days before',
    body: z.object({ nameVi: name, nameEn: name, from: day }).strict(),
    responses: {
      200: { description: 'the unit', schema: unitRecordSchema },
      422: { description: 'the registry refuses the data: each problem named (line and column for a CSV)' },
    },
    async handle({ params, body, staff }) {
      return { status: 200, body: await renameUnitAction(deps, { actor: staff, code: params.code, ...body }) };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/admin/units/merge',
    tag: 'administration',
    access: ['admin'],
    summary:
      'Merge units into a successor from a day on: their reports count under it from then; with newSuccessor the successor is created',
    body: z
      .object({
        codes: z.array(code).min(1).max(50),
        successorCode: code,
        from: day,
        newSuccessor: newSuccessorSchema.optional(),
      })
      .strict(),
    responses: {
      422: { description: 'the registry refuses the data: each problem named (line and column for a CSV)' },
      200: {
        description: 'the merge',
        schema: z.object({ merged: z.array(z.string()), successorCode: z.string(), from: z.string() }),
      },
    },
    async handle({ body, staff }) {
      return { status: 200, body: await mergeUnitsAction(deps, { actor: staff, ...body }) };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/admin/units/:code/retire',
    tag: 'administration',
    access: ['admin'],
    summary: 'Retire a unit from a day on, without a successor',
    body: z.object({ from: day }).strict(),
    responses: {
      200: { description: 'the unit', schema: unitRecordSchema },
      422: { description: 'the registry refuses the data: each problem named (line and column for a CSV)' },
    },
    async handle({ params, body, staff }) {
      return { status: 200, body: await retireUnitAction(deps, { actor: staff, code: params.code, from: body.from }) };
    },
  });
}

// Public reference lists: categories and units, with their codes.
import { z } from 'zod';
import { listCategories } from '../../db/reference';
import { localDate } from '../../domain/workingTime';
import { unitsValidOn } from '../../usecases/unitsAdmin';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../routeTable';
import { categorySchema, unitSchema } from '../schemas';
import { unitTypes } from '../../domain/units';

const unitOnDaySchema = unitSchema
  .extend({
    adminCode: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    successorCode: z.string().nullable(),
  })
  .openapi('UnitOnDay');

export function addReferenceRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'get',
    path: '/api/v1/categories',
    tag: 'reference',
    access: 'public',
    summary: 'Report categories',
    responses: { 200: { description: 'categories', schema: z.object({ items: z.array(categorySchema) }) } },
    async handle() {
      const rows = await listCategories(deps.pool);
      return {
        status: 200,
        body: {
          items: rows.map((row) => ({
            code: row.code,
            nameVi: row.name_vi,
            nameEn: row.name_en,
            descriptionVi: row.description_vi,
            descriptionEn: row.description_en,
            kind: row.kind,
          })),
        },
      };
    },
  });

  table.add({
    method: 'get',
    path: '/api/v1/units',
    tag: 'reference',
    access: 'public',
    summary:
      'Units (city, departments, wards, utilities) valid on a day (?at=YYYY-MM-DD, default today), filter with ?type=ward',
    query: z
      .object({
        type: z.enum(unitTypes).optional(),
        at: z.iso.date({ error: 'phải là ngày YYYY-MM-DD (must be a YYYY-MM-DD date)' }).optional(),
      })
      .strict(),
    responses: {
      200: { description: 'units, named as they were that day', schema: z.object({ items: z.array(unitOnDaySchema) }) },
      400: { description: 'unknown type or not a date' },
    },
    async handle({ query }) {
      const rows = await unitsValidOn(deps, query.at ?? localDate(Date.now()), query.type);
      return {
        status: 200,
        body: {
          items: rows.map((row) => ({
            code: row.code,
            nameVi: row.nameVi,
            nameEn: row.nameEn,
            type: row.type,
            parentCode: row.parentCode,
            adminCode: row.adminCode,
            validFrom: row.validFrom,
            validTo: row.validTo,
            successorCode: row.successorCode,
          })),
        },
      };
    },
  });
}

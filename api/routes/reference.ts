// Public reference lists: categories and units, with their codes.
import { z } from 'zod';
import { listCategories, listUnits } from '../../db/reference';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../routeTable';
import { categorySchema, unitSchema } from '../schemas';
import { unitTypes } from '../../domain/units';

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
    summary: 'Units (city, departments, wards, utilities), filter with ?type=ward',
    query: z
      .object({
        type: z.enum(unitTypes).optional(),
      })
      .strict(),
    responses: {
      200: { description: 'units', schema: z.object({ items: z.array(unitSchema) }) },
      400: { description: 'unknown type' },
    },
    async handle({ query }) {
      const rows = await listUnits(deps.pool, query.type);
      return {
        status: 200,
        body: {
          items: rows.map((row) => ({
            code: row.code,
            nameVi: row.name_vi,
            nameEn: row.name_en,
            type: row.type,
            parentCode: row.parent_code,
          })),
        },
      };
    },
  });
}

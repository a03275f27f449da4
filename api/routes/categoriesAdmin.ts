// Administration of report categories and their SLA policies: list (inactive too), create, edit
// against a version, deactivate (active: false; no delete), and the versions kept.
import { z } from 'zod';
import { parseDuration } from '../../domain/sla';
import {
  categoryVersions,
  createCategory,
  listCategoriesForAdmin,
  updateCategory,
} from '../../usecases/categoriesAdmin';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../routeTable';
import { addVersionsRoute } from './versions';
import { categorySchema, code } from '../schemas';

const duration = z
  .string()
  .trim()
  .refine(
    (text) => {
      try {
        parseDuration(text);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'một thời lượng như "8 working_hours" (a duration such as "8 working_hours")' },
  );
const text = (max: number) => z.string().trim().max(max);
const categoryFields = {
  nameVi: text(200).min(1),
  nameEn: text(200).min(1),
  descriptionVi: text(2000).default(''),
  descriptionEn: text(2000).default(''),
  kind: z.enum(['feedback', 'complaint']).default('feedback'),
  sla: z.object({ accept: duration, resolve: duration }).strict().nullable().default(null),
  active: z.boolean().default(true),
};
/** The public Category, with what admins also see: its SLA, whether it is active, its version. */
const categoryRecordSchema = categorySchema
  .extend({
    kind: z.enum(['feedback', 'complaint']),
    sla: z.object({ accept: z.string(), resolve: z.string() }).nullable(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi('CategoryRecord');

export function addCategoryAdminRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'get',
    path: '/api/v1/admin/categories',
    tag: 'administration',
    access: ['admin'],
    summary: 'Every category, inactive ones too, with its SLA policy and version',
    responses: { 200: { description: 'categories', schema: z.object({ items: z.array(categoryRecordSchema) }) } },
    async handle() {
      return { status: 200, body: { items: await listCategoriesForAdmin(deps) } };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/admin/categories',
    tag: 'administration',
    access: ['admin'],
    summary: 'Create a category (version 1)',
    body: z.object({ code, ...categoryFields }).strict(),
    responses: {
      201: { description: 'the category', schema: categoryRecordSchema },
      409: { description: 'the code exists' },
    },
    async handle({ body, staff }) {
      return { status: 201, body: await createCategory(deps, { actor: staff, category: body }) };
    },
  });

  table.add({
    method: 'put',
    path: '/api/v1/admin/categories/:code',
    tag: 'administration',
    access: ['admin'],
    summary: 'Edit a category (a new version); active: false deactivates it — categories are never deleted',
    body: z.object({ ...categoryFields, expectedVersion: z.number().int().min(1) }).strict(),
    responses: {
      200: { description: 'the category', schema: categoryRecordSchema },
      409: { description: 'edited meanwhile: expectedVersion is not the current version' },
    },
    async handle({ params, body, staff }) {
      const { expectedVersion, ...fields } = body;
      return {
        status: 200,
        body: await updateCategory(deps, {
          actor: staff,
          category: { code: params.code, ...fields },
          expectedVersion,
        }),
      };
    },
  });

  addVersionsRoute(table, {
    path: '/api/v1/admin/categories/:code/versions',
    summary: "A category's versions, oldest first, with who saved each",
    snapshot: categoryRecordSchema,
    versions: (code) => categoryVersions(deps, code),
  });
}

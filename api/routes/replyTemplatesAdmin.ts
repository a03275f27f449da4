// Administration of reply templates: list (inactive too), create, edit against a version,
// deactivate (active: false; no delete: results refer to them), and the versions kept.
import { z } from 'zod';
import { replyTemplateVariables } from '../../domain/replyTemplates';
import {
  createReplyTemplate,
  listReplyTemplatesForAdmin,
  replyTemplateVersions,
  updateReplyTemplate,
} from '../../usecases/replyTemplates';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../routeTable';
import { addVersionsRoute } from './versions';
import { code } from '../schemas';

const variablesHelp = Object.entries(replyTemplateVariables)
  .map(([name, meaning]) => `{{${name}}}: ${meaning}`)
  .join('; ');

const templateFields = {
  categoryCode: code.nullable().default(null).openapi({ description: 'null: offered for every category' }),
  titleVi: z.string().trim().min(1).max(200),
  titleEn: z.string().trim().min(1).max(200),
  bodyVi: z
    .string()
    .trim()
    .min(3)
    .max(4000)
    .openapi({ description: `Vietnamese text; variables (any other is refused with 422): ${variablesHelp}` }),
  active: z.boolean().default(true),
};
const replyTemplateRecord = z
  .object({
    code: z.string(),
    categoryCode: z.string().nullable(),
    titleVi: z.string(),
    titleEn: z.string(),
    bodyVi: z.string(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi('ReplyTemplateRecord');
const invalid = { 422: { description: 'an unknown variable in bodyVi, or an unknown category: the field is named' } };

export function addReplyTemplateAdminRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'get',
    path: '/api/v1/admin/reply-templates',
    tag: 'administration',
    access: ['admin'],
    summary: 'Every reply template, inactive ones too, with its version',
    responses: { 200: { description: 'templates', schema: z.object({ items: z.array(replyTemplateRecord) }) } },
    async handle() {
      return { status: 200, body: { items: await listReplyTemplatesForAdmin(deps) } };
    },
  });

  table.add({
    method: 'post',
    path: '/api/v1/admin/reply-templates',
    tag: 'administration',
    access: ['admin'],
    summary: 'Create a reply template (version 1; city admins)',
    body: z.object({ code, ...templateFields }).strict(),
    responses: {
      201: { description: 'the template', schema: replyTemplateRecord },
      409: { description: 'the code exists' },
      ...invalid,
    },
    async handle({ body, staff }) {
      return { status: 201, body: await createReplyTemplate(deps, { actor: staff, template: body }) };
    },
  });

  table.add({
    method: 'put',
    path: '/api/v1/admin/reply-templates/:code',
    tag: 'administration',
    access: ['admin'],
    summary: 'Edit a reply template (a new version); active: false withdraws it — templates are never deleted',
    body: z.object({ ...templateFields, expectedVersion: z.number().int().min(1) }).strict(),
    responses: {
      200: { description: 'the template', schema: replyTemplateRecord },
      409: { description: 'edited meanwhile: expectedVersion is not the current version' },
      ...invalid,
    },
    async handle({ params, body, staff }) {
      const { expectedVersion, ...fields } = body;
      return {
        status: 200,
        body: await updateReplyTemplate(deps, {
          actor: staff,
          template: { code: params.code, ...fields },
          expectedVersion,
        }),
      };
    },
  });

  addVersionsRoute(table, {
    path: '/api/v1/admin/reply-templates/:code/versions',
    summary: "A reply template's versions, oldest first, with who saved each",
    snapshot: replyTemplateRecord,
    versions: (code) => replyTemplateVersions(deps, code),
  });
}

// The staff directory: the people of the admin's scope, and adding or changing one. Weekly summary
// recipients are managed beside it (/api/v1/summaries/recipients).
import { z } from 'zod';
import { staffRoles } from '../../domain/roles';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../routeTable';
import { code } from '../schemas';
import { saveStaff, staffDirectory } from '../../usecases/staffAdmin';

const staffMemberSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(staffRoles),
    unitCode: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    active: z.boolean(),
  })
  .openapi('StaffMember');

export function addStaffAdminRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'get',
    path: '/api/v1/admin/staff',
    tag: 'administration',
    access: ['admin'],
    summary: "The people of the admin's scope (their unit's subtree), inactive ones too",
    responses: { 200: { description: 'people', schema: z.object({ items: z.array(staffMemberSchema) }) } },
    async handle({ staff }) {
      return { status: 200, body: { items: await staffDirectory(deps, staff) } };
    },
  });

  table.add({
    method: 'put',
    path: '/api/v1/admin/staff/:id',
    tag: 'administration',
    access: ['admin'],
    summary: 'Add or change a person: role, unit, phone and e-mail for notifications, active or not',
    body: z
      .object({
        name: z.string().trim().min(1).max(200),
        role: z.enum(staffRoles),
        unitCode: code,
        phone: z.string().trim().max(20).nullable().default(null),
        email: z.email().max(200).nullable().default(null),
        active: z.boolean().default(true),
      })
      .strict(),
    responses: {
      200: { description: 'the person', schema: staffMemberSchema },
      409: { description: 'an admin removing their own access' },
      422: { description: 'unknown unit or invalid phone' },
    },
    async handle({ params, body, staff }) {
      return { status: 200, body: await saveStaff(deps, { actor: staff, member: { id: params.id, ...body } }) };
    },
  });
}

// The audit log for admins: who did what to which report, when and from where. An admin sees the
// actions of staff inside their unit's subtree (the city's admins see everything).
import { z } from 'zod';
import { listAuditEntries } from '../../db/audit';
import { staffRoles } from '../../domain/roles';
import type { AppDeps } from '../deps';
import type { RouteTable } from '../routeTable';
import { code } from '../schemas';

const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 date-time with offset' });

const auditQuery = z
  .object({
    actorId: z.string().trim().min(1).max(200).optional(),
    role: z.enum(staffRoles).optional(),
    unitCode: code.optional(),
    action: z
      .string()
      .max(300)
      .optional()
      .openapi({ description: "the route as declared, e.g. 'POST /api/v1/tasks/:code/accept'" }),
    target: z.string().max(200).optional(),
    from: instant.optional(),
    to: instant.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const auditEntry = z
  .object({
    id: z.number(),
    at: z.string(),
    actorId: z.string(),
    actorRole: z.string(),
    actorUnit: z.string(),
    action: z.string(),
    target: z.string().nullable(),
    method: z.string(),
    path: z.string(),
    status: z
      .number()
      .nullable()
      .openapi({ description: 'HTTP status of the outcome; null if the outcome was not recorded' }),
    sourceIp: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .openapi('AuditEntry');

export function addAuditRoutes(table: RouteTable, deps: AppDeps): void {
  table.add({
    method: 'get',
    path: '/api/v1/audit',
    tag: 'administration',
    access: ['admin'],
    personalData: true,
    summary:
      "Staff actions, newest first, within the admin's scope (filters: actor, role, unit, action, target, period)",
    query: auditQuery,
    responses: {
      200: {
        description: 'one page of the audit log',
        schema: z.object({ items: z.array(auditEntry), total: z.number() }).openapi('AuditLog'),
      },
    },
    async handle({ query, staff }) {
      const { rows, total } = await listAuditEntries(deps.pool, {
        scopePath: staff.unitPath,
        actorId: query.actorId,
        role: query.role,
        unitCode: query.unitCode,
        action: query.action,
        target: query.target,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      const items = rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actorId: row.actor_id,
        actorRole: row.actor_role,
        actorUnit: row.actor_unit,
        action: row.action,
        target: row.target,
        method: row.method,
        path: row.path,
        status: row.status,
        sourceIp: row.source_ip,
        requestId: row.request_id,
      }));
      return { status: 200, body: { items, total } };
    },
  });
}

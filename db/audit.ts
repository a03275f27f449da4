// The staff audit trail: an entry is opened before a staff action runs and closed with its
// outcome, so no action happens without a record; admins read it scoped to their unit's subtree.
import type { Db } from './pool';
import { query } from './pool';

export interface NewAuditEntry {
  actorId: string;
  actorRole: string;
  actorUnit: string;
  actorUnitPath: string;
  action: string;
  target: string | null;
  method: string;
  path: string;
  sourceIp: string | null;
  requestId: string | null;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor_id: string;
  actor_role: string;
  actor_unit: string;
  action: string;
  target: string | null;
  method: string;
  path: string;
  status: number | null;
  source_ip: string | null;
  request_id: string | null;
}

export async function openAuditEntry(db: Db, entry: NewAuditEntry, status: number | null = null): Promise<number> {
  const [row] = await query<{ id: number }>(
    db,
    `INSERT INTO audit_log (actor_id, actor_role, actor_unit, actor_unit_path, action, target, method, path, source_ip, request_id, status, finished_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11, CASE WHEN $11::integer IS NULL THEN NULL ELSE now() END) RETURNING id`,
    [
      entry.actorId,
      entry.actorRole,
      entry.actorUnit,
      entry.actorUnitPath,
      entry.action,
      entry.target,
      entry.method,
      entry.path,
      entry.sourceIp,
      entry.requestId,
      status,
    ],
  );
  return row.id;
}

export async function closeAuditEntry(db: Db, id: number, status: number): Promise<void> {
  await query(db, 'UPDATE audit_log SET status = $2, finished_at = now() WHERE id = $1', [id, status]);
}

export interface AuditFilter {
  /** the reader's unit path: only actions of actors inside it */
  scopePath: string;
  actorId?: string;
  role?: string;
  unitCode?: string;
  action?: string;
  target?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Newest first. Every filter is a parameter; the scope is part of the query. */
export async function listAuditEntries(db: Db, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  const params: unknown[] = [filter.scopePath];
  const where = [`actor_unit_path LIKE $1 || '%'`];
  const add = (condition: (n: string) => string, value: unknown) => {
    if (value === undefined) return;
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  add((n) => `actor_id = ${n}`, filter.actorId);
  add((n) => `actor_role = ${n}`, filter.role);
  add((n) => `actor_unit = ${n}`, filter.unitCode);
  add((n) => `action = ${n}`, filter.action);
  add((n) => `target = ${n}`, filter.target);
  add((n) => `at >= ${n}`, filter.from);
  add((n) => `at < ${n}`, filter.to);
  const conditions = where.join(' AND ');
  const rows = await query<AuditRow>(
    db,
    `SELECT id, at, actor_id, actor_role, actor_unit, action, target, method, path, status, source_ip, request_id
       FROM audit_log WHERE ${conditions} ORDER BY at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  const [count] = await query<{ total: number }>(
    db,
    `SELECT count(*) AS total FROM audit_log WHERE ${conditions}`,
    params,
  );
  return { rows, total: count.total };
}

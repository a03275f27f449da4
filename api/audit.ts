// The audit hook of the route table: every staff action (and every staff read of personal data)
// is recorded before it runs — actor, role, unit, action, target, source IP, request id — and the
// entry is completed with the HTTP status of its outcome.
import type pg from 'pg';
import type { Logger } from 'pino';
import { closeAuditEntry, openAuditEntry } from '../db/audit';
import type { AuditRecord } from './routeTable';

export function createAuditTrail(pool: pg.Pool, logger: Logger) {
  return async function audit({ actor, action, target, req }: AuditRecord): Promise<(status: number) => Promise<void>> {
    // Opening the entry may fail (database down): then the action does not run either.
    const id = await openAuditEntry(pool, {
      actorId: actor.id,
      actorRole: actor.role,
      actorUnit: actor.unitCode,
      actorUnitPath: actor.unitPath,
      action,
      target: target?.slice(0, 200) ?? null,
      method: req.method,
      path: req.path.slice(0, 500),
      sourceIp: req.ip ?? null,
      requestId: typeof req.id === 'string' ? req.id : req.id === undefined ? null : String(req.id),
    });
    return async (status: number) => {
      // The action has happened; a lost outcome leaves the entry with a null status, not a failed request.
      await closeAuditEntry(pool, id, status).catch((error: unknown) =>
        logger.warn({ err: error, auditId: id }, 'audit entry left open'),
      );
    };
  };
}

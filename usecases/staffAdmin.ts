// Use cases of the staff directory, callable from the API routes and the admin pages alike: the
// people of the admin's scope, and adding or changing one (role, unit, phone and e-mail for
// notifications, active or not). A ward's admin manages that ward's people; nobody is deleted.
import type pg from 'pg';
import { inTransaction } from '../db/pool';
import { deleteSessionsOf } from '../db/sessions';
import { findUnitRecord } from '../db/units';
import { findStaffMember, listStaffIn, saveStaffMember, type StaffMember } from '../db/staff';
import { inScope, type StaffActor } from '../domain/roles';
import { toE164Vietnam } from '../domain/phone';
import { conflict, forbidden, invalid, invalidReference, phoneProblem } from '../api/errors';

type Deps = { pool: pg.Pool };

export async function staffDirectory(deps: Deps, actor: StaffActor): Promise<StaffMember[]> {
  return listStaffIn(deps.pool, actor.unitPath);
}

/** Adds or changes a person; both the person's current unit and the new one must lie in the admin's scope. */
export async function saveStaff(deps: Deps, input: { actor: StaffActor; member: StaffMember }): Promise<StaffMember> {
  const { actor, member } = input;
  const phone = member.phone ? toE164Vietnam(member.phone) : null;
  if (member.phone && !phone) throw invalid([phoneProblem('phone')]);
  const unit = await findUnitRecord(deps.pool, member.unitCode);
  if (!unit || (unit.validTo !== null && unit.validTo <= new Date().toISOString().slice(0, 10)))
    throw invalidReference(
      [{ field: 'unitCode', message: 'unknown or ended unit' }],
      `Không có đơn vị ${member.unitCode} (no current unit)`,
    );
  const existing = await findStaffMember(deps.pool, member.id);
  if (!inScope(actor, unit.path) || (existing && !inScope(actor, existing.unitPath)))
    throw forbidden('Ngoài phạm vi quản lý (outside your scope)', [
      { field: 'unitCode', message: `not under ${actor.unitCode}` },
    ]);
  if (member.id === actor.id && (!member.active || member.role !== 'admin'))
    throw conflict('Không thể tự bỏ quyền quản trị (you cannot remove your own admin access)', [
      { field: 'role', message: 'ask another admin' },
    ]);
  const saved = { ...member, phone };
  // A session carries the role and unit it was opened with: deactivation, or another role or unit,
  // ends the person's page sessions with the change (bearer tokens are refused by staffActor).
  const endsSessions =
    existing && (!saved.active || existing.role !== saved.role || existing.unitCode !== saved.unitCode);
  await inTransaction(deps.pool, async (client) => {
    await saveStaffMember(client, saved, actor.id);
    if (endsSessions) await deleteSessionsOf(client, saved.id);
  });
  return saved;
}

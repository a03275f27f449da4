// Who may change city-wide reference data (the calendar, the unit registry): an admin of the root unit.
import type { StaffActor } from '../domain/roles';
import { bilingual, forbidden } from '../api/errors';

/** An admin of the root unit (a ward's admin is an admin of a subtree only). */
export const isCityAdmin = (actor: StaffActor): boolean =>
  actor.role === 'admin' && actor.unitPath.split('/').filter(Boolean).length === 1;

export function requireCityAdmin(actor: StaffActor, what: { vi: string; en: string }): void {
  if (!isCityAdmin(actor))
    throw forbidden(bilingual(`Chỉ quản trị viên cấp thành phố được ${what.vi}`, `only a city admin may ${what.en}`), [
      { field: 'unit', message: `unit ${actor.unitCode} is not the city` },
    ]);
}

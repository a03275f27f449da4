// Who may change city-wide reference data (the calendar, the unit registry): an admin of the root unit.
import type { StaffActor } from '../domain/roles';
import { bilingual, forbidden } from '../api/errors';

export function requireCityAdmin(actor: StaffActor, what: { vi: string; en: string }): void {
  if (actor.role !== 'admin' || actor.unitPath.split('/').filter(Boolean).length !== 1)
    throw forbidden(bilingual(`Chỉ quản trị viên cấp thành phố được ${what.vi}`, `only a city admin may ${what.en}`), [
      { field: 'unit', message: `unit ${actor.unitCode} is not the city` },
    ]);
}

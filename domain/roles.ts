// Who acts on a report. Staff are bound to a unit; their scope is that unit's subtree, expressed
// by the unit's materialised path ('/HCM/P-SAIGON/').
export const staffRoles = ['operator', 'coordinator', 'unit_staff', 'unit_head', 'leader', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

export interface StaffActor {
  kind: 'staff';
  id: string;
  role: StaffRole;
  unitCode: string;
  unitPath: string;
}

/** The reporter, proven by the report's access token. */
export interface ReporterActor {
  kind: 'reporter';
}

/** The process itself: timers, rules. */
export interface SystemActor {
  kind: 'system';
}

export type Actor = StaffActor | ReporterActor | SystemActor;

export function inScope(actor: StaffActor, unitPath: string | null): boolean {
  return unitPath !== null && unitPath.startsWith(actor.unitPath);
}

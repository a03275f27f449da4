// Who acts on a report. Staff are bound to a unit; their scope is that unit's subtree, expressed
// by the unit's materialised path ('/HCM/P-SAIGON/').
export const staffRoles = ['operator', 'coordinator', 'unit_staff', 'unit_head', 'leader', 'admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

// The role groups the process and the API grant actions to (one home: routes and guards import these).
/** Staff of the unit handling a report: accept, progress, transfer, resolve, acknowledge directives. */
export const unitRoles = ['unit_staff', 'unit_head'] as const satisfies readonly StaffRole[];
/** Triage and the process's exceptions: assign, decide extensions; they see reporters' contacts. */
export const coordinatorRoles = ['coordinator', 'admin'] as const satisfies readonly StaffRole[];
/** Who reads city-wide figures: statistics and weekly summaries. */
export const overseerRoles = ['leader', 'admin', 'coordinator'] as const satisfies readonly StaffRole[];
/** Everyone who works on or oversees reports (not the hotline operators, who only file them). */
export const caseRoles = [...unitRoles, ...overseerRoles] as const;

export function hasRole(actor: { role: StaffRole }, roles: readonly StaffRole[]): boolean {
  return roles.includes(actor.role);
}

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

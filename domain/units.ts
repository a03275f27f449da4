// The kinds of unit in the city's tree (db/seed/units.json): which of them are places a report can
// be about (the local administrative units since the 2025 merger: phường, xã, đặc khu) and which
// handle reports and are ranked publicly. One home for these lists; the units table stores `type`.
export const unitTypes = ['city', 'department', 'ward', 'commune', 'special_zone', 'utility', 'coordinator'] as const;
export type UnitType = (typeof unitTypes)[number];

/** Local administrative units: a report's location names one of these. */
export const wardTypes: readonly UnitType[] = ['ward', 'commune', 'special_zone'];

/** Units that handle reports, ranked in the public league. */
export const handlingUnitTypes: readonly UnitType[] = ['department', ...wardTypes, 'utility'];

export function isWard(unit: { type: string }): boolean {
  return (wardTypes as readonly string[]).includes(unit.type);
}

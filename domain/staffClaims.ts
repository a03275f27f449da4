// What an OpenID Connect provider says about a staff member, turned into PAKN's terms: the role and
// the unit are read from configurable claims (a dotted path reaches into nested objects such as
// Keycloak's realm_access.roles), and a role value may be translated by a configured map. Whether
// the role and unit are acceptable is decided afterwards by staffActor(), as for a bearer token.
import { staffRoles, type StaffRole } from './roles';

export interface ClaimMapping {
  roleClaim: string;
  unitClaim: string;
  /** provider value → PAKN role; empty: the claim's values are PAKN role names themselves */
  roleMap: ReadonlyMap<string, StaffRole>;
}

/** 'pakn-leader=leader, pakn-staff=unit_staff' → a map; throws (naming `name`) on a malformed entry or unknown role. */
export function parseRoleMap(name: string, raw: string): Map<string, StaffRole> {
  const map = new Map<string, StaffRole>();
  for (const entry of raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([^=]+)=([^=]+)$/.exec(entry);
    const role = match?.[2].trim();
    if (!match || !staffRoles.includes(role as StaffRole))
      throw new Error(`${name}: "${entry}" must be <provider value>=<role>, the role one of ${staffRoles.join(', ')}`);
    map.set(match[1].trim(), role as StaffRole);
  }
  return map;
}

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((item): item is string => typeof item === 'string' && item !== '');

/**
 * The subject, role, unit and display name a provider's claims give. The role is the first value of
 * the role claim that the map translates (or, without a map, the first value as it is); with a map,
 * an unmapped value gives no role at all, so a provider group that happens to be called 'admin' is
 * not taken for PAKN's admin. Unit: the first value of the unit claim.
 */
export function staffFromClaims(
  claims: Record<string, unknown>,
  mapping: ClaimMapping,
): { sub: unknown; role: string | undefined; unit: string | undefined; name: string } {
  const roleValues = strings(claimAt(claims, mapping.roleClaim));
  const role =
    mapping.roleMap.size === 0 ? roleValues[0] : roleValues.map((value) => mapping.roleMap.get(value)).find(Boolean);
  const [name] = [...strings(claims.name), ...strings(claims.preferred_username), ...strings(claims.sub)];
  return { sub: claims.sub, role, unit: strings(claimAt(claims, mapping.unitClaim))[0], name: name ?? '' };
}

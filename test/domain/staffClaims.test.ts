import { describe, expect, it } from 'vitest';
import { parseRoleMap, staffFromClaims } from '../../domain/staffClaims';

const plain = { roleClaim: 'role', unitClaim: 'unit', roleMap: new Map() };

describe('staff from an OpenID Connect provider claims', () => {
  it('when there is no role map, then the role claim is a PAKN role name as it is', () => {
    expect(staffFromClaims({ sub: 'u1', role: 'leader', unit: 'HCM', name: 'Lan' }, plain)).toEqual({
      sub: 'u1',
      role: 'leader',
      unit: 'HCM',
      name: 'Lan',
    });
  });

  it('when the claims are nested or lists, then a dotted path reaches them and the first mapped value wins', () => {
    const mapping = {
      roleClaim: 'realm_access.roles',
      unitClaim: 'pakn.unit',
      roleMap: parseRoleMap('OIDC_ROLE_MAP', 'pakn-leader=leader, pakn-staff=unit_staff'),
    };
    const claims = {
      sub: 'u2',
      preferred_username: 'lan.nguyen',
      realm_access: { roles: ['offline_access', 'pakn-staff', 'pakn-leader'] },
      pakn: { unit: ['P-SAIGON', 'HCM'] },
    };
    expect(staffFromClaims(claims, mapping)).toEqual({
      sub: 'u2',
      role: 'unit_staff',
      unit: 'P-SAIGON',
      name: 'lan.nguyen',
    });
  });

  it('when a role map is set, then a value it does not map gives no role, even one spelled like a PAKN role', () => {
    const mapping = { ...plain, roleMap: parseRoleMap('OIDC_ROLE_MAP', 'pakn-admin=admin') };
    expect(staffFromClaims({ sub: 'u3', role: ['admin', 'staff'] }, mapping)).toMatchObject({
      role: undefined,
      unit: undefined,
      name: 'u3',
    });
  });

  it('when a role map entry is malformed or names no PAKN role, then it is refused with the setting named', () => {
    expect(() => parseRoleMap('OIDC_ROLE_MAP', 'pakn-boss=boss')).toThrow(/OIDC_ROLE_MAP: "pakn-boss=boss"/);
    expect(() => parseRoleMap('OIDC_ROLE_MAP', 'leader')).toThrow(/OIDC_ROLE_MAP/);
    expect(parseRoleMap('OIDC_ROLE_MAP', ' , ')).toEqual(new Map());
  });
});

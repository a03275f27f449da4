// The staff directory through the real API and database: a ward's admin manages that ward's people
// (and nobody else's), phones are stored in E.164, a deactivated leader is no longer notified, and
// an admin cannot lock themselves out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLeadersOver } from '../../db/reference';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.stop();
});

const person = {
  name: 'Trần Thị Bình',
  role: 'leader',
  unitCode: 'P-SAIGON',
  phone: '0912 345 678',
  email: 'binh@pakn.example',
};

describe('staff directory', () => {
  it("when a ward's admin adds and then deactivates a leader of the ward, then notifications follow", async () => {
    const wardAdmin = await staffToken(system, 'admin', 'P-SAIGON', 'ward-admin');
    const added = await call(system, 'PUT', '/api/v1/admin/staff/leader-binh', { token: wardAdmin, body: person });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toEqual(expect.objectContaining({ phone: '+84912345678', active: true }));
    expect((await findLeadersOver(system.pool, 'P-SAIGON')).map((leader) => leader.id)).toContain('leader-binh');

    const off = await call(system, 'PUT', '/api/v1/admin/staff/leader-binh', {
      token: wardAdmin,
      body: { ...person, active: false },
    });
    expect(off.body.active).toBe(false);
    expect((await findLeadersOver(system.pool, 'P-SAIGON')).map((leader) => leader.id)).not.toContain('leader-binh');

    const listed = (await call(system, 'GET', '/api/v1/admin/staff', { token: wardAdmin })).body.items;
    expect(listed).toContainEqual(expect.objectContaining({ id: 'leader-binh', active: false }));
    expect(listed.every((p: { unitCode: string }) => p.unitCode === 'P-SAIGON')).toBe(true);
  });

  it('when an admin reaches outside their ward, gives a bad phone or drops their own role, then it is refused', async () => {
    const wardAdmin = await staffToken(system, 'admin', 'P-SAIGON', 'ward-admin');
    const outside = await call(system, 'PUT', '/api/v1/admin/staff/someone', {
      token: wardAdmin,
      body: { ...person, unitCode: 'P-BENTHANH' },
    });
    expect(outside.status).toBe(403);
    const phone = await call(system, 'PUT', '/api/v1/admin/staff/someone', {
      token: wardAdmin,
      body: { ...person, phone: '12345' },
    });
    expect(phone.status).toBe(422);
    expect(phone.body.error.details).toEqual([expect.objectContaining({ field: 'phone' })]);
    const self = await call(system, 'PUT', '/api/v1/admin/staff/ward-admin', {
      token: wardAdmin,
      body: { ...person, role: 'admin', active: false },
    });
    expect(self.status).toBe(409);
  });
});

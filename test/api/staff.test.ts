// The staff directory through the real API and database: a ward's admin manages that ward's people
// (and nobody else's), phones are stored in E.164, a deactivated leader is no longer notified, and
// an admin cannot lock themselves out; a deactivated person's token and page session stop at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLeadersOver } from '../../db/reference';
import { query } from '../../db/pool';
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

/** Signs in on the pages over plain HTTP (CSRF cookie and token as a browser sends them); the reply and its cookies. */
async function signIn(username: string, password: string): Promise<{ status: number; cookies: string }> {
  const form = await fetch(`${system.baseUrl}/staff/sign-in`);
  const csrfCookie = form.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const reply = await fetch(`${system.baseUrl}/staff/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie.join('; ') },
    body: new URLSearchParams({ _csrf: csrf, username, password }),
  });
  const session = reply.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  return { status: reply.status, cookies: [...csrfCookie, ...session].join('; ') };
}

const inbox = (cookies: string) =>
  fetch(`${system.baseUrl}/staff/inbox`, { redirect: 'manual', headers: { cookie: cookies } });

describe('a deactivated staff member', () => {
  it('when an admin deactivates a person, then their bearer token, page session and sign-in are refused at once; another role ends sessions too', async () => {
    const cityAdmin = await staffToken(system, 'admin', 'HCM', 'city-admin');
    const token = await staffToken(system, 'unit_staff', 'P-SAIGON', 'staff-1');
    expect((await call(system, 'GET', '/api/v1/tasks', { token })).status).toBe(200);
    const signedIn = await signIn('staff-1', 'pakn-demo');
    expect(signedIn.status).toBe(303);
    expect(signedIn.cookies).toContain('pakn_session=');
    expect((await inbox(signedIn.cookies)).status).toBe(200);

    const listed = (await call(system, 'GET', '/api/v1/admin/staff', { token: cityAdmin })).body.items;
    const member = listed.find((person: { id: string }) => person.id === 'staff-1');
    const fields = {
      name: member.name,
      role: member.role,
      unitCode: member.unitCode,
      phone: member.phone,
      email: member.email,
    };
    const off = await call(system, 'PUT', '/api/v1/admin/staff/staff-1', {
      token: cityAdmin,
      body: { ...fields, active: false },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(await query(system.pool, 'SELECT 1 FROM web_sessions WHERE staff_id = $1', ['staff-1'])).toEqual([]);

    const refused = await call(system, 'GET', '/api/v1/tasks', { token });
    expect(refused.status).toBe(401);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'authorization' })]);
    const page = await inbox(signedIn.cookies);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/staff\/sign-in/);
    expect((await signIn('staff-1', 'pakn-demo')).status).toBe(400);
    // A subject the directory does not know (a development token) still works.
    const outsider = await staffToken(system, 'unit_staff', 'P-SAIGON', 'someone-from-oidc');
    expect((await call(system, 'GET', '/api/v1/tasks', { token: outsider })).status).toBe(200);

    const on = await call(system, 'PUT', '/api/v1/admin/staff/staff-1', { token: cityAdmin, body: fields });
    expect(on.status).toBe(200);
    expect((await call(system, 'GET', '/api/v1/tasks', { token })).status).toBe(200);

    // Another role ends the sessions opened under the old one.
    const promoted = await signIn('staff-1', 'pakn-demo');
    await call(system, 'PUT', '/api/v1/admin/staff/staff-1', {
      token: cityAdmin,
      body: { ...fields, role: 'unit_head' },
    });
    expect((await inbox(promoted.cookies)).status).toBe(303);

    // Marked inactive behind the use case's back (no sessions deleted), the page session still ends.
    const again = await signIn('staff-1', 'pakn-demo');
    expect((await inbox(again.cookies)).status).toBe(200);
    await query(system.pool, 'UPDATE staff SET active = false WHERE id = $1', ['staff-1']);
    expect((await inbox(again.cookies)).status).toBe(303);
    expect(await query(system.pool, 'SELECT 1 FROM web_sessions WHERE staff_id = $1', ['staff-1'])).toEqual([]);
  });
});

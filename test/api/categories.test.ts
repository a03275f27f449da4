// Category administration through the real API and database: create, edit against a version,
// deactivate (never delete: reports refer to it, new reports are refused), the versions kept, and
// the named refusals (bad SLA text, stale version, a ward's admin).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let admin: string;
beforeAll(async () => {
  system = await startTestSystem();
  admin = await staffToken(system, 'admin', 'HCM', 'city-admin');
});
afterAll(async () => {
  await system?.stop();
});

const noise = {
  code: 'NOISE-NIGHT',
  nameVi: 'Tiếng ồn ban đêm',
  nameEn: 'Night-time noise',
  sla: { accept: '4 working_hours', resolve: '3 working_days' },
};

describe('categories and their SLA policies', () => {
  it('when a category is created, edited and deactivated, then each change is a version and reports are refused after', async () => {
    const created = await call(system, 'POST', '/api/v1/admin/categories', { token: admin, body: noise });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual(expect.objectContaining({ version: 1, active: true, sla: noise.sla }));
    expect((await call(system, 'GET', '/api/v1/categories')).body.items.map((c: { code: string }) => c.code)).toContain(
      'NOISE-NIGHT',
    );

    const edit = {
      nameVi: noise.nameVi,
      nameEn: noise.nameEn,
      sla: { accept: '2 working_hours', resolve: '2 working_days' },
    };
    const edited = await call(system, 'PUT', '/api/v1/admin/categories/NOISE-NIGHT', {
      token: admin,
      body: { ...edit, expectedVersion: 1 },
    });
    expect(edited.body).toEqual(expect.objectContaining({ version: 2, sla: edit.sla }));
    const stale = await call(system, 'PUT', '/api/v1/admin/categories/NOISE-NIGHT', {
      token: admin,
      body: { ...edit, expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual([expect.objectContaining({ field: 'expectedVersion' })]);

    const submit = () =>
      call(system, 'POST', '/api/v1/reports', {
        body: {
          categoryCode: 'NOISE-NIGHT',
          description: 'Quán karaoke mở nhạc lớn sau 23 giờ.',
          location: { wardCode: 'P-SAIGON' },
        },
      });
    expect((await submit()).status).toBe(201);
    const deactivated = await call(system, 'PUT', '/api/v1/admin/categories/NOISE-NIGHT', {
      token: admin,
      body: { ...edit, active: false, expectedVersion: 2 },
    });
    expect(deactivated.body).toEqual(expect.objectContaining({ version: 3, active: false }));
    expect((await submit()).status).toBe(422);
    const all = (await call(system, 'GET', '/api/v1/admin/categories', { token: admin })).body.items;
    expect(all).toContainEqual(expect.objectContaining({ code: 'NOISE-NIGHT', active: false }));

    const versions = await call(system, 'GET', '/api/v1/admin/categories/NOISE-NIGHT/versions', { token: admin });
    expect(versions.body.items.map((v: { version: number; changedBy: string }) => [v.version, v.changedBy])).toEqual([
      [1, 'city-admin'],
      [2, 'city-admin'],
      [3, 'city-admin'],
    ]);
    expect(versions.body.items[0].snapshot.sla).toEqual(noise.sla);
  });

  it('when the SLA is not a duration, the code exists or a ward admin asks, then it is refused with the field', async () => {
    const bad = await call(system, 'POST', '/api/v1/admin/categories', {
      token: admin,
      body: { ...noise, code: 'NOISE-2', sla: { accept: 'soon', resolve: '3 working_days' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'sla.accept' })]);
    const twice = await call(system, 'POST', '/api/v1/admin/categories', {
      token: admin,
      body: { ...noise, code: 'WASTE' },
    });
    expect(twice.status).toBe(409);
    const ward = await call(system, 'POST', '/api/v1/admin/categories', {
      token: await staffToken(system, 'admin', 'P-SAIGON'),
      body: { ...noise, code: 'NOISE-3' },
    });
    expect(ward.status).toBe(403);
  });
});

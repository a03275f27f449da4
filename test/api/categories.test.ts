// Category administration through the real API and database: create, edit against a version,
// deactivate (never delete: reports refer to it, new reports are refused), the versions kept, and
// the named refusals (bad SLA text, stale version, a ward's admin); a category's SLA decides the
// clocks its route rule leaves open, also after it is deactivated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarDaysBetween } from '../../db/calendar';
import { workingCalendar } from '../../domain/calendar';
import { parseDuration } from '../../domain/sla';
import { addDuration, defaultOfficeHours, type WorkingCalendar } from '../../domain/workingTime';
import { submitRouted } from '../support/reports';
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

describe("a category's SLA in routing", () => {
  let calendar: WorkingCalendar;
  /** The report's clocks, each counted from a start between `from` and `to` (the routing happened in between). */
  async function expectClocks(code: string, from: number, to: number, accept: string, resolve: string) {
    const [row] = (
      await system.pool.query('SELECT accept_deadline_at, deadline_at FROM reports WHERE code = $1', [code])
    ).rows;
    for (const [at, clock] of [
      [row.accept_deadline_at, accept],
      [row.deadline_at, resolve],
    ] as const) {
      expect((at as Date).getTime(), clock).toBeGreaterThanOrEqual(addDuration(from, parseDuration(clock), calendar));
      expect((at as Date).getTime(), clock).toBeLessThanOrEqual(addDuration(to, parseDuration(clock), calendar));
    }
  }

  it('when an admin gives a category an SLA, then new reports take the clocks their rule leaves open from it, also on transfer after deactivation', async () => {
    const year = new Date().getUTCFullYear();
    calendar = workingCalendar(await loadCalendarDaysBetween(system.pool, year - 1, year + 2), defaultOfficeHours);
    const waste = (await call(system, 'GET', '/api/v1/admin/categories', { token: admin })).body.items.find(
      (item: { code: string }) => item.code === 'WASTE',
    );
    const { version, nameVi, nameEn, descriptionVi, descriptionEn, kind } = waste;
    const fields = { nameVi, nameEn, descriptionVi, descriptionEn, kind };
    const sla = { accept: '2 working_hours', resolve: '20 working_days' };
    const saved = await call(system, 'PUT', '/api/v1/admin/categories/WASTE', {
      token: admin,
      body: { ...fields, sla, expectedVersion: version },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // The worker re-reads the categories' SLAs at most every 10 s.
    await new Promise((resolve) => setTimeout(resolve, 10_500));

    // Without a ward, "waste falls back to the agriculture and environment department" gives no clock.
    let from = Date.now();
    const anywhere = await submitRouted(system, {
      categoryCode: 'WASTE',
      description: 'Bãi rác tự phát ven kênh.',
      location: { address: '1 Lê Lợi' },
    });
    expect(anywhere.view.unit.code).toBe('SNNMT');
    await expectClocks(anywhere.code, from, Date.now(), sla.accept, sla.resolve);

    // In a ward, "waste in a ward goes to the ward" says resolve in 3 working days itself: that wins.
    from = Date.now();
    const inWard = await submitRouted(system, {
      categoryCode: 'WASTE',
      description: 'Rác tồn đọng đầu hẻm.',
      location: { wardCode: 'P-SAIGON' },
    });
    expect(inWard.view.unit.code).toBe('P-SAIGON');
    await expectClocks(inWard.code, from, Date.now(), sla.accept, '3 working_days');
    const why = await call(system, 'GET', `/api/v1/reports/${inWard.code}/routing`, {
      token: await staffToken(system, 'unit_head', 'P-SAIGON'),
    });
    expect(why.body.decision.sla).toEqual({
      accept: { duration: sla.accept, source: 'category' },
      resolve: { duration: '3 working_days', source: 'rule' },
    });

    // Deactivated, the category keeps its SLA for its reports: the ward declines, the department gets its clocks.
    const off = await call(system, 'PUT', '/api/v1/admin/categories/WASTE', {
      token: admin,
      body: { ...fields, sla, active: false, expectedVersion: version + 1 },
    });
    expect(off.body).toMatchObject({ active: false, sla });
    from = Date.now();
    const moved = await call(system, 'POST', `/api/v1/tasks/${inWard.code}/transfer`, {
      token: await staffToken(system, 'unit_head', 'P-SAIGON'),
      body: { reason: 'Thuộc thẩm quyền Sở Nông nghiệp và Môi trường' },
    });
    expect(moved.body).toMatchObject({ status: 'assigned', unitCode: 'SNNMT' });
    await expectClocks(inWard.code, from, Date.now(), sla.accept, sla.resolve);
  });
});

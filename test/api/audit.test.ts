// The audit trail: every staff action, and every staff read of personal data, is recorded with
// actor, role, unit, action, target, time, source IP, request id and outcome; admins query it
// within their scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { submitRouted } from '../support/reports';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.stop());

const auditOf = async (actorId: string) =>
  (await system.pool.query('SELECT * FROM audit_log WHERE actor_id = $1 ORDER BY id', [actorId])).rows;

describe('audit log', () => {
  it('when unit staff act on a task and read its details, then each action is recorded with who, what, where from and the outcome', async () => {
    const report = await submitRouted(system);
    const actor = `staff-${randomUUID()}`;
    const token = await staffToken(system, 'unit_staff', 'P-SAIGON', actor);
    const before = Date.now();
    const read = await call(system, 'GET', `/api/v1/tasks/${report.code}`, {
      token,
      headers: { 'x-request-id': `audit-test-${actor}` },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('x-request-id')).toBe(`audit-test-${actor}`);
    expect((await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, { token, body: {} })).status).toBe(200);
    expect((await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, { token, body: {} })).status).toBe(409);
    // The list carries no contact details: not audited.
    expect((await call(system, 'GET', '/api/v1/tasks', { token })).status).toBe(200);

    const rows = await auditOf(actor);
    expect(rows.map((row) => [row.action, row.target, row.status])).toEqual([
      ['GET /api/v1/tasks/:code', report.code, 200],
      ['POST /api/v1/tasks/:code/accept', report.code, 200],
      ['POST /api/v1/tasks/:code/accept', report.code, 409],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({
        actor_role: 'unit_staff',
        actor_unit: 'P-SAIGON',
        actor_unit_path: '/HCM/P-SAIGON/',
        method: expect.stringMatching(/^(GET|POST)$/),
      });
      expect(row.source_ip).toMatch(/127\.0\.0\.1$/);
      expect(row.at.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(row.finished_at).not.toBeNull();
    }
    expect(rows[0].request_id).toBe(`audit-test-${actor}`);
    expect(rows[1].path).toBe(`/api/v1/tasks/${report.code}/accept`);
  });

  it('when staff try what their role or scope forbids, then the attempt is recorded with its 403', async () => {
    const report = await submitRouted(system);
    const outsider = `outsider-${randomUUID()}`;
    const wrongRole = `leader-${randomUUID()}`;
    expect(
      (
        await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, {
          token: await staffToken(system, 'unit_staff', 'P-BENTHANH', outsider),
          body: {},
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, {
          token: await staffToken(system, 'leader', 'P-SAIGON', wrongRole),
          body: {},
        })
      ).status,
    ).toBe(403);
    expect((await auditOf(outsider)).map((row) => [row.actor_unit, row.status])).toEqual([['P-BENTHANH', 403]]);
    expect((await auditOf(wrongRole)).map((row) => [row.actor_role, row.status])).toEqual([['leader', 403]]);
  });

  it('when nobody is authenticated, then nothing is recorded (there is no actor)', async () => {
    const before = (await system.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
    expect((await call(system, 'POST', '/api/v1/tasks/PA00-000001/accept', { body: {} })).status).toBe(401);
    expect((await call(system, 'GET', '/api/v1/public/reports')).status).toBe(200);
    expect((await system.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBe(before);
  });

  it('when an admin queries the log, then filters, paging and newest-first order apply, and the query itself is recorded', async () => {
    const report = await submitRouted(system);
    const actor = `progress-${randomUUID()}`;
    const token = await staffToken(system, 'unit_head', 'P-SAIGON', actor);
    await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, { token, body: {} });
    for (const note of ['một', 'hai', 'ba'])
      await call(system, 'POST', `/api/v1/tasks/${report.code}/progress`, { token, body: { note } });
    const adminId = `admin-${randomUUID()}`;
    const admin = await staffToken(system, 'admin', 'HCM', adminId);

    const all = await call(system, 'GET', `/api/v1/audit?actorId=${actor}`, { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    expect(all.body.items.map((item: { action: string }) => item.action)).toEqual([
      'POST /api/v1/tasks/:code/progress',
      'POST /api/v1/tasks/:code/progress',
      'POST /api/v1/tasks/:code/progress',
      'POST /api/v1/tasks/:code/accept',
    ]);
    expect(all.body.items[0]).toMatchObject({
      actorId: actor,
      actorRole: 'unit_head',
      actorUnit: 'P-SAIGON',
      target: report.code,
      status: 200,
      sourceIp: expect.stringMatching(/127\.0\.0\.1$/),
    });

    const page = await call(system, 'GET', `/api/v1/audit?actorId=${actor}&pageSize=3&page=2`, { token: admin });
    expect(page.body).toMatchObject({
      total: 4,
      items: [expect.objectContaining({ action: 'POST /api/v1/tasks/:code/accept' })],
    });
    const action = encodeURIComponent('POST /api/v1/tasks/:code/accept');
    expect(
      (await call(system, 'GET', `/api/v1/audit?target=${report.code}&action=${action}`, { token: admin })).body.total,
    ).toBe(1);
    expect((await call(system, 'GET', `/api/v1/audit?actorId=${actor}&role=leader`, { token: admin })).body.total).toBe(
      0,
    );
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect(
      (await call(system, 'GET', `/api/v1/audit?actorId=${actor}&from=${future}`, { token: admin })).body.total,
    ).toBe(0);
    expect(
      (await call(system, 'GET', `/api/v1/audit?actorId=${actor}&to=${future}`, { token: admin })).body.total,
    ).toBe(4);
    expect((await call(system, 'GET', '/api/v1/audit?role=mayor', { token: admin })).status).toBe(400);
    expect((await call(system, 'GET', '/api/v1/audit?pageSize=100000', { token: admin })).status).toBe(400);

    expect((await auditOf(adminId)).map((row) => row.action)).toContain('GET /api/v1/audit');
  });

  it('when an admin of a ward queries the log, then only actions of staff within that ward are visible', async () => {
    const report = await submitRouted(system);
    const saigon = `saigon-${randomUUID()}`;
    const benthanh = `benthanh-${randomUUID()}`;
    await call(system, 'GET', `/api/v1/tasks/${report.code}`, {
      token: await staffToken(system, 'unit_staff', 'P-SAIGON', saigon),
    });
    await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, {
      token: await staffToken(system, 'unit_staff', 'P-BENTHANH', benthanh),
      body: {},
    });
    const wardAdmin = await staffToken(system, 'admin', 'P-BENTHANH');
    expect((await call(system, 'GET', `/api/v1/audit?actorId=${saigon}`, { token: wardAdmin })).body.total).toBe(0);
    expect((await call(system, 'GET', `/api/v1/audit?actorId=${benthanh}`, { token: wardAdmin })).body.total).toBe(1);
    const everything = await call(system, 'GET', '/api/v1/audit?pageSize=500', { token: wardAdmin });
    expect(everything.body.items.every((item: { actorUnit: string }) => item.actorUnit === 'P-BENTHANH')).toBe(true);
    expect(
      (await call(system, 'GET', '/api/v1/audit', { token: await staffToken(system, 'leader', 'HCM') })).status,
    ).toBe(403);
  });
});

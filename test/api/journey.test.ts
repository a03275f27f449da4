// The citizen → unit → rating journey through the real API, Temporal and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { submitRouted } from '../support/reports';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.stop());

const wasteInSaigon = {
  categoryCode: 'WASTE',
  title: 'Rác tồn đọng',
  description: 'Rác thải sinh hoạt tồn đọng nhiều ngày trước số 12 Lê Lợi, gọi 0912 345 678 nếu cần.',
  location: { wardCode: 'P-SAIGON', address: '12 Lê Lợi', lat: 10.7752, lng: 106.7009 },
  reporter: { name: 'Nguyễn Văn Bình', phone: '0912 345 678', email: 'binh@example.com' },
};

const submitAndRoute = () => submitRouted(system, wasteInSaigon);

describe('citizen journey', () => {
  it('when a citizen submits a report, then it is stored, acknowledged, routed by the rules and tracked publicly', async () => {
    const report = await submitAndRoute();
    expect(report.code).toMatch(/^PA\d{2}-\d{6}$/);
    expect(report.accessToken).toEqual(expect.any(String));
    expect(report.view).toMatchObject({
      status: 'assigned',
      unit: { code: 'P-SAIGON' },
      category: { code: 'WASTE' },
      overdue: false,
    });
    expect(Date.parse(report.view.deadlineAt)).toBeGreaterThan(Date.now());
    expect(report.view.description).not.toContain('0912');
    expect(report.view.reporter).toBeUndefined();
    expect(report.view.timeline.map((entry: { type: string }) => entry.type)).toEqual([
      'submitted',
      'received',
      'routed',
    ]);

    const ack = await system.pool.query(
      "SELECT channel, recipient, body FROM outbox WHERE template = 'report_ack' AND report_id = $1 ORDER BY channel",
      [report.id],
    );
    expect(ack.rows.map((row) => [row.channel, row.recipient])).toEqual([
      ['email', 'binh@example.com'],
      ['sms', '+84912345678'],
    ]);
    expect(ack.rows[1].body).toContain(report.code);

    const own = await call(system, 'GET', `/api/v1/reports/${report.code}`, { reportToken: report.accessToken });
    expect(own.body.reporter).toMatchObject({ name: 'Nguyễn Văn Bình', phone: '+84912345678' });
  });

  it('when the unit accepts, posts progress and resolves, and the reporter rates 5, then the report closes on time', async () => {
    const report = await submitAndRoute();
    const staff = await staffToken(system, 'unit_staff', 'P-SAIGON');

    const tasks = await call(system, 'GET', '/api/v1/tasks?status=assigned', { token: staff });
    expect(tasks.status).toBe(200);
    expect(tasks.body.items.map((item: { code: string }) => item.code)).toContain(report.code);

    expect(
      (await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, { token: staff, body: {} })).body.status,
    ).toBe('in_progress');
    const again = await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, { token: staff, body: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');

    expect(
      (
        await call(system, 'POST', `/api/v1/tasks/${report.code}/progress`, {
          token: staff,
          body: { note: 'Đã liên hệ đội thu gom' },
        })
      ).status,
    ).toBe(200);
    const resolved = await call(system, 'POST', `/api/v1/tasks/${report.code}/resolve`, {
      token: staff,
      body: { result: 'Đã thu gom toàn bộ rác và nhắc nhở hộ dân.' },
    });
    expect(resolved.body.status).toBe('resolved');

    const view = await call(system, 'GET', `/api/v1/reports/${report.code}`);
    expect(view.body).toMatchObject({
      status: 'resolved',
      result: 'Đã thu gom toàn bộ rác và nhắc nhở hộ dân.',
      resolvedOnTime: true,
    });

    const rated = await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, {
      reportToken: report.accessToken,
      body: { score: 5 },
    });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ status: 'closed', rating: 5 });
    const second = await call(system, 'POST', `/api/v1/reports/${report.code}/rating`, {
      reportToken: report.accessToken,
      body: { score: 4 },
    });
    expect(second.status).toBe(409);

    const codesOf = async (query: string) =>
      (await call(system, 'GET', `/api/v1/tasks${query}`, { token: staff })).body.items.map(
        (item: { code: string }) => item.code,
      );
    expect(await codesOf('')).not.toContain(report.code);
    expect(await codesOf('?status=all&pageSize=200')).toContain(report.code);
    expect(await codesOf('?status=closed')).toContain(report.code);

    const row = (
      await system.pool.query(
        'SELECT resolved_on_time, overdue, escalation_level, reopen_count FROM reports WHERE code = $1',
        [report.code],
      )
    ).rows[0];
    expect(row).toEqual({ resolved_on_time: true, overdue: false, escalation_level: 0, reopen_count: 0 });
  });

  it('when staff of another unit act on the report, then they are refused with 403 and nothing changes', async () => {
    const report = await submitAndRoute();
    const stranger = await staffToken(system, 'unit_staff', 'P-BENTHANH');
    const refused = await call(system, 'POST', `/api/v1/tasks/${report.code}/accept`, { token: stranger, body: {} });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details[0].field).toEqual(expect.any(String));
    const view = await call(system, 'GET', `/api/v1/reports/${report.code}`);
    expect(view.body.status).toBe('assigned');
  });
});

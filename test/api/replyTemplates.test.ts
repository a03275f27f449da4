// Reply templates through the real API, database and workflow: a city admin keeps them as
// versions (stale edits, unknown variables and other roles refused, each naming its field); a unit
// reads them filled with its report's variables; and a resolve written from one records which
// template and version, once, even when the request is retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted } from '../support/reports';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let admin: string;
let unitStaff: string;
beforeAll(async () => {
  system = await startTestSystem();
  admin = await staffToken(system, 'admin', 'HCM', 'city-admin');
  unitStaff = await staffToken(system, 'unit_staff', 'P-SAIGON', 'staff-1');
});
afterAll(async () => {
  await system?.stop();
});

const potholes = {
  code: 'ROAD-PATCHED',
  categoryCode: 'ROAD',
  titleVi: 'Đã vá ổ gà',
  titleEn: 'Pothole patched',
  bodyVi: 'Phản ánh {{ma_phan_anh}}: đã vá mặt đường tại {{dia_chi}}.',
};

describe('reply templates administered by city admins', () => {
  it('when a template is created, edited and withdrawn, then each change is a version and a stale edit is refused', async () => {
    const created = await call(system, 'POST', '/api/v1/admin/reply-templates', { token: admin, body: potholes });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toEqual({ ...potholes, active: true, version: 1 });

    const edit = { ...potholes, code: undefined, bodyVi: 'Phản ánh {{ma_phan_anh}}: {{ten_don_vi}} đã vá ổ gà.' };
    const edited = await call(system, 'PUT', '/api/v1/admin/reply-templates/ROAD-PATCHED', {
      token: admin,
      body: { ...edit, expectedVersion: 1 },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toEqual(expect.objectContaining({ version: 2, bodyVi: edit.bodyVi }));
    const stale = await call(system, 'PUT', '/api/v1/admin/reply-templates/ROAD-PATCHED', {
      token: admin,
      body: { ...edit, titleVi: 'Sửa lần nữa', expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual([
      { field: 'expectedVersion', message: 'the reply template is at version 2' },
    ]);

    const withdrawn = await call(system, 'PUT', '/api/v1/admin/reply-templates/ROAD-PATCHED', {
      token: admin,
      body: { ...edit, active: false, expectedVersion: 2 },
    });
    expect(withdrawn.body).toEqual(expect.objectContaining({ version: 3, active: false }));
    const all = (await call(system, 'GET', '/api/v1/admin/reply-templates', { token: admin })).body.items;
    expect(all).toContainEqual(expect.objectContaining({ code: 'ROAD-PATCHED', active: false }));
    expect(all.map((t: { code: string }) => t.code)).toEqual(
      expect.arrayContaining(['WASTE-COLLECTED', 'STREETLIGHT-REPAIRED', 'GENERAL-RESOLVED']),
    );
    const versions = await call(system, 'GET', '/api/v1/admin/reply-templates/ROAD-PATCHED/versions', { token: admin });
    expect(versions.body.items.map((v: { version: number; changedBy: string }) => [v.version, v.changedBy])).toEqual([
      [1, 'city-admin'],
      [2, 'city-admin'],
      [3, 'city-admin'],
    ]);
    expect(versions.body.items[0].snapshot.bodyVi).toBe(potholes.bodyVi);
    const missing = await call(system, 'GET', '/api/v1/admin/reply-templates/NOWHERE/versions', { token: admin });
    expect(missing.status).toBe(404);
  });

  it('when a text uses an unknown variable or an unknown category, then 422 names the field and the variable', async () => {
    const unknown = await call(system, 'POST', '/api/v1/admin/reply-templates', {
      token: admin,
      body: { ...potholes, code: 'ROAD-2', bodyVi: 'Kính gửi {{ho_ten}}, phản ánh {{ma_phan_anh}} đã xử lý.' },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ field: 'bodyVi', message: expect.stringContaining('{{ho_ten}}') }]);
    const category = await call(system, 'POST', '/api/v1/admin/reply-templates', {
      token: admin,
      body: { ...potholes, code: 'ROAD-3', categoryCode: 'NO-SUCH' },
    });
    expect(category.status).toBe(422);
    expect(category.body.error.details).toEqual([expect.objectContaining({ field: 'categoryCode' })]);
    const edit = await call(system, 'PUT', '/api/v1/admin/reply-templates/WASTE-COLLECTED', {
      token: admin,
      body: { ...potholes, code: undefined, bodyVi: 'Gọi {{so_dien_thoai}}', expectedVersion: 1 },
    });
    expect(edit.status).toBe(422);
    expect(edit.body.error.details[0].message).toContain('{{so_dien_thoai}}');
    const listed = (await call(system, 'GET', '/api/v1/admin/reply-templates', { token: admin })).body.items;
    expect(listed.map((t: { code: string }) => t.code)).not.toContain('ROAD-2');
  });

  it('when unit staff or a ward admin try to change templates, then they are refused', async () => {
    const staff = await call(system, 'POST', '/api/v1/admin/reply-templates', {
      token: unitStaff,
      body: { ...potholes, code: 'ROAD-4' },
    });
    expect(staff.status).toBe(403);
    expect((await call(system, 'GET', '/api/v1/admin/reply-templates', { token: unitStaff })).status).toBe(403);
    const ward = await call(system, 'POST', '/api/v1/admin/reply-templates', {
      token: await staffToken(system, 'admin', 'P-SAIGON'),
      body: { ...potholes, code: 'ROAD-5' },
    });
    expect(ward.status).toBe(403);
    expect(ward.body.error.details).toEqual([expect.objectContaining({ field: 'unit' })]);
  });
});

describe('reply templates used by a unit', () => {
  it("when unit staff read a task's templates, then they are its category's and the general ones, filled with the report's variables", async () => {
    const report = await accepted(system);
    const reply = await call(system, 'GET', `/api/v1/tasks/${report.code}/reply-templates`, { token: unitStaff });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.items.map((t: { code: string }) => t.code)).toEqual(['WASTE-COLLECTED', 'GENERAL-RESOLVED']);
    const { rows } = await system.pool.query(
      `SELECT u.name_vi, r.submitted_at FROM reports r JOIN units u ON u.code = r.unit_code WHERE r.code = $1`,
      [report.code],
    );
    const received = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }).format(rows[0].submitted_at);
    const [waste, general] = reply.body.items;
    expect(waste.text).toMatch(
      new RegExp(`^${rows[0].name_vi} trả lời phản ánh ${report.code} tiếp nhận ngày ${received}: .* tại 12 Lê Lợi,`),
    );
    expect(general.text).toContain('về lĩnh vực Rác thải, vệ sinh môi trường');
    expect(`${waste.text}${general.text}`).not.toContain('{{');

    const outsider = await staffToken(system, 'unit_staff', 'P-BENTHANH');
    const away = await call(system, 'GET', `/api/v1/tasks/${report.code}/reply-templates`, { token: outsider });
    expect(away.status).toBe(403);
  });

  it('when a result is published from a template, then the use is recorded once, even when the request is retried', async () => {
    const report = await accepted(system);
    const templates = (await call(system, 'GET', `/api/v1/tasks/${report.code}/reply-templates`, { token: unitStaff }))
      .body.items;
    const waste = templates.find((t: { code: string }) => t.code === 'WASTE-COLLECTED');
    const resolve = (body: unknown) =>
      call(system, 'POST', `/api/v1/tasks/${report.code}/resolve`, {
        token: unitStaff,
        body,
        headers: { 'idempotency-key': `resolve-${report.code}` },
      });

    const streetlight = await call(system, 'POST', `/api/v1/tasks/${report.code}/resolve`, {
      token: unitStaff,
      body: { result: 'Đã sửa đèn.', replyTemplate: { code: 'STREETLIGHT-REPAIRED' } },
    });
    expect(streetlight.status).toBe(422);
    expect(streetlight.body.error.details).toEqual([expect.objectContaining({ field: 'replyTemplate.code' })]);
    const badVersion = await call(system, 'POST', `/api/v1/tasks/${report.code}/resolve`, {
      token: unitStaff,
      body: { result: 'Đã thu gom.', replyTemplate: { code: 'WASTE-COLLECTED', version: 99 } },
    });
    expect(badVersion.status).toBe(422);
    expect(badVersion.body.error.details).toEqual([expect.objectContaining({ field: 'replyTemplate.version' })]);
    expect((await call(system, 'GET', `/api/v1/reports/${report.code}`)).body.status).toBe('in_progress');

    const body = { result: `${waste.text} Đã lắp thêm thùng rác.`, replyTemplate: { code: waste.code, version: 1 } };
    const first = await resolve(body);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await resolve(body);
    expect(again.status, JSON.stringify(again.body)).toBe(200);

    const { rows } = await system.pool.query(
      `SELECT u.template_code, u.template_version, u.staff_id, e.type
         FROM reply_template_uses u JOIN reports r ON r.id = u.report_id
         JOIN report_events e ON e.report_id = u.report_id AND e.seq = u.event_seq
        WHERE r.code = $1`,
      [report.code],
    );
    expect(rows).toEqual([
      { template_code: 'WASTE-COLLECTED', template_version: 1, staff_id: 'staff-1', type: 'resolved' },
    ]);
    const resolved = again.body.timeline.filter((entry: { type: string }) => entry.type === 'resolved');
    expect(resolved).toEqual([
      expect.objectContaining({
        replyTemplate: { code: 'WASTE-COLLECTED', version: 1, titleVi: waste.titleVi, titleEn: waste.titleEn },
      }),
    ]);
    expect((await call(system, 'GET', `/api/v1/reports/${report.code}`)).body.result).toBe(body.result);
  });
});

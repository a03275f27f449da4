// Public transparency: the list of reports without personal data, the league table of units and
// wards (JSON and CSV), and anonymous reporters hidden from the public and from the unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { resolved, submitRouted } from '../support/reports';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.stop());

const person = { name: 'Nguyễn Văn Bình', phone: '0912 345 678', email: 'binh.nguyen@example.com' };
const personal = ['Nguyễn Văn Bình', '0912', '912345678', 'binh.nguyen@example.com'];
const revealing = {
  categoryCode: 'NOISE',
  title: 'Karaoke ồn ào',
  description:
    'Tôi là Nguyễn Văn Bình, nhà bên cạnh hát karaoke tới 2 giờ sáng. Gọi 0912 345 678 hoặc binh.nguyen@example.com.',
  location: { wardCode: 'P-BENTHANH', address: '20 Lê Thánh Tôn' },
  reporter: person,
};

describe('public list of reports', () => {
  let noise: Awaited<ReturnType<typeof submitRouted>>;
  let waste: Awaited<ReturnType<typeof resolved>>;
  beforeAll(async () => {
    noise = await submitRouted(system, revealing);
    waste = await resolved(system, {
      categoryCode: 'WASTE',
      description: 'Rác tồn đọng ở đầu hẻm 42.',
      location: { wardCode: 'P-SAIGON' },
      reporter: { name: 'Trần Thị Cúc', phone: '0987654321' },
    });
    expect(
      (
        await call(system, 'POST', `/api/v1/reports/${waste.code}/rating`, {
          reportToken: waste.accessToken,
          body: { score: 4, comment: 'Cảm ơn, liên hệ 0987 654 321' },
        })
      ).status,
    ).toBe(200);
    await submitRouted(system, {
      categoryCode: 'COMPLAINT',
      description: 'Tố cáo cán bộ phường nhận hối lộ.',
      location: { wardCode: 'P-SAIGON' },
    });
  });

  it('when anyone lists reports, then each shows result, unit, deadline, timeliness and rating, newest first, and no personal data', async () => {
    const reply = await call(system, 'GET', '/api/v1/public/reports');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    const codes = reply.body.items.map((item: { code: string }) => item.code);
    expect(codes.indexOf(waste.code)).toBeLessThan(codes.indexOf(noise.code));
    const rated = reply.body.items.find((item: { code: string }) => item.code === waste.code);
    expect(rated).toMatchObject({
      status: 'closed',
      category: { code: 'WASTE' },
      ward: { code: 'P-SAIGON' },
      unit: { code: 'P-SAIGON' },
      result: 'Đã thu gom toàn bộ rác.',
      resolvedOnTime: true,
      timeliness: 'on_time',
      rating: 4,
      deadlineAt: expect.any(String),
      resolvedAt: expect.any(String),
    });
    const open = reply.body.items.find((item: { code: string }) => item.code === noise.code);
    expect(open).toMatchObject({
      status: 'assigned',
      timeliness: 'pending',
      overdue: false,
      resolvedOnTime: null,
      rating: null,
    });
    expect(open.description).toBe('Tôi là [name], nhà bên cạnh hát karaoke tới 2 giờ sáng. Gọi [phone] hoặc [email].');
    const text = JSON.stringify(reply.body);
    for (const fragment of [...personal, 'Trần Thị Cúc', '0987']) expect(text).not.toContain(fragment);
    expect(text).not.toMatch(/"(reporter|phone|email|name)"\s*:/);
  });

  it('when a report is a complaint or denunciation, then it is never published in the list and its content only the reporter sees', async () => {
    const reply = await call(system, 'GET', '/api/v1/public/reports?pageSize=100');
    expect(reply.body.items.some((item: { category: { code: string } }) => item.category.code === 'COMPLAINT')).toBe(
      false,
    );
    const complaint = await submitRouted(system, {
      categoryCode: 'COMPLAINT',
      title: 'Tố cáo',
      description: 'Tố cáo ông Lê Văn X, cán bộ địa chính, nhận tiền.',
      location: { address: '5 Lý Tự Trọng' },
    });
    const anyone = await call(system, 'GET', `/api/v1/reports/${complaint.code}`);
    expect(anyone.body).toMatchObject({
      status: 'rejected',
      title: null,
      address: null,
      description: expect.stringContaining('không được công khai'),
    });
    expect(JSON.stringify(anyone.body)).not.toContain('Lê Văn X');
    expect(anyone.body.timeline.find((entry: { type: string }) => entry.type === 'rejected').details.reasonVi).toMatch(
      /Luật Khiếu nại/,
    );
    const own = await call(system, 'GET', `/api/v1/reports/${complaint.code}`, { reportToken: complaint.accessToken });
    expect(own.body.description).toContain('Lê Văn X');
  });

  it('when filters are given, then only matching reports come back', async () => {
    const codesOf = async (query: string) =>
      (await call(system, 'GET', `/api/v1/public/reports?${query}`)).body.items.map(
        (item: { code: string }) => item.code,
      );
    expect(await codesOf('wardCode=P-BENTHANH')).toEqual([noise.code]);
    expect(await codesOf('categoryCode=WASTE')).toEqual([waste.code]);
    expect(await codesOf('status=closed')).toEqual([waste.code]);
    expect(await codesOf('unitCode=P-SAIGON&status=closed')).toEqual([waste.code]);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(await codesOf(`from=${today}&to=${today}&wardCode=P-BENTHANH`)).toEqual([noise.code]);
    expect(await codesOf('to=2020-01-01')).toEqual([]);
    expect(await codesOf(`from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
  });

  it('when paging, then pages do not overlap and hasMore tells whether another exists', async () => {
    const first = await call(system, 'GET', '/api/v1/public/reports?pageSize=1');
    const second = await call(system, 'GET', '/api/v1/public/reports?pageSize=1&page=2');
    expect(first.body).toMatchObject({ page: 1, pageSize: 1, hasMore: true });
    expect(first.body.items[0].code).not.toBe(second.body.items[0].code);
    const all = await call(system, 'GET', '/api/v1/public/reports?pageSize=100');
    expect(all.body.hasMore).toBe(false);
  });

  it('when the query is malformed, then 400 names the field', async () => {
    const fieldOf = async (query: string) => {
      const reply = await call(system, 'GET', `/api/v1/public/reports?${query}`);
      expect(reply.status).toBe(400);
      return reply.body.error.details.map((detail: { field: string }) => detail.field);
    };
    expect(await fieldOf('status=lost')).toContain('query.status');
    expect(await fieldOf('from=2026-02-30')).toContain('query.from');
    expect(await fieldOf('pageSize=1000')).toContain('query.pageSize');
    expect(await fieldOf('page=600&pageSize=20')).toContain('query.page');
    expect(await fieldOf('wardCode=%27%20OR%201%3D1--')).toContain('query.wardCode');
    expect(await fieldOf('secret=1')).toEqual(expect.arrayContaining([expect.stringContaining('query')]));
    const reversed = await call(system, 'GET', '/api/v1/public/reports?from=2026-03-02&to=2026-03-01');
    expect(reversed.status).toBe(422);
    expect(reversed.body.error.details[0].field).toBe('query.from');
  });
});

describe('league table', () => {
  const unit = 'SXD';
  let from: string;
  let to: string;
  // Read-model rows as the workflow writes them, for a unit no other test here touches, all
  // submitted on 12 January: one resolved on time and rated 5, one resolved late and rated 2 (both
  // the next day), two still open and past their deadline. The league counts like GET /stats:
  // resolved within the period, open and overdue now.
  beforeAll(async () => {
    const at = new Date(Date.UTC(2026, 0, 12, 3));
    from = '2026-01-12';
    to = '2026-01-13';
    const rows = [
      { status: 'closed', resolved: true, onTime: true, overdue: false, rating: 5 },
      { status: 'closed', resolved: true, onTime: false, overdue: true, rating: 2 },
      { status: 'in_progress', resolved: false, onTime: null, overdue: true, rating: null },
      { status: 'assigned', resolved: false, onTime: null, overdue: false, rating: null },
    ];
    for (const [index, row] of rows.entries()) {
      await system.pool.query(
        `INSERT INTO reports (id, code, status, category_code, description, ward_code, unit_code, submitted_at, deadline_at, resolved_at, resolved_on_time, overdue, rating)
         VALUES ($1, $2, $3, 'ROAD', 'Ổ gà lớn trên đường.', 'P-TANDINH', $4, $5, $5::timestamptz + interval '3 days', $6, $7, $8, $9)`,
        [
          randomUUID(),
          `LG26-${index}-${randomUUID().slice(0, 6)}`,
          row.status,
          unit,
          at,
          row.resolved ? new Date(at.getTime() + 86_400_000) : null,
          row.onTime,
          row.overdue,
          row.rating,
        ],
      );
    }
  });

  it('when the league is asked for a period, then each unit and ward shows received, on-time share, late and average rating', async () => {
    const reply = await call(system, 'GET', `/api/v1/public/units/league?from=${from}&to=${to}`);
    expect(reply.status).toBe(200);
    expect(reply.body.from).toBe('2026-01-11T17:00:00.000Z');
    expect(reply.body.to).toBe('2026-01-13T17:00:00.000Z');
    const sxd = reply.body.units.find((entry: { code: string }) => entry.code === unit);
    expect(sxd).toMatchObject({
      rank: 1,
      received: 4,
      resolved: 2,
      resolvedOnTime: 1,
      resolvedLate: 1,
      onTimePercent: 50,
      open: 2,
      openOverdue: 2,
      late: 3,
      avgRating: 3.5,
      ratings: 2,
    });
    const idle = reply.body.units.find((entry: { code: string }) => entry.code === 'SYT');
    expect(idle).toMatchObject({ received: 0, onTimePercent: null, avgRating: null });
    expect(reply.body.wards.find((entry: { code: string }) => entry.code === 'P-TANDINH')).toMatchObject({
      received: 4,
      onTimePercent: 50,
    });
    expect(reply.body.wards.some((entry: { type: string }) => entry.type === 'department')).toBe(false);
    expect(
      reply.body.units.some((entry: { type: string }) => entry.type === 'coordinator' || entry.type === 'city'),
    ).toBe(false);
  });

  it('when the league is asked as CSV, then the same figures come as a spreadsheet-safe UTF-8 file', async () => {
    const json = (await call(system, 'GET', `/api/v1/public/units/league?from=${from}&to=${to}`)).body;
    for (const path of [
      `/api/v1/public/units/league?from=${from}&to=${to}&format=csv`,
      `/api/v1/public/units/league.csv?from=${from}&to=${to}`,
    ]) {
      const reply = await fetch(`${system.baseUrl}${path}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(reply.headers.get('content-disposition')).toBe(
        'attachment; filename="pakn-league-2026-01-11-2026-01-13.csv"',
      );
      const bytes = Buffer.from(await reply.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'level,rank,code,name_vi,name_en,type,received,resolved,resolved_on_time,resolved_late,on_time_percent,open,open_overdue,late,avg_rating,ratings',
      );
      expect(lines).toHaveLength(1 + json.units.length + json.wards.length);
      expect(lines).toContain(
        'unit,1,SXD,Sở Xây dựng Thành phố Hồ Chí Minh,Department of Construction,department,4,2,1,1,50,2,2,3,3.5,2',
      );
      expect(
        lines.some((line) => line.startsWith('ward,') && line.includes(",People's Committee of Tan Dinh Ward,ward,4,")),
      ).toBe(true);
    }
  });

  it('when the period is missing, reversed or too long, then the default applies or 400 names the field', async () => {
    const recent = await call(system, 'GET', '/api/v1/public/units/league');
    expect(recent.status).toBe(200);
    expect(Date.parse(recent.body.to) - Date.parse(recent.body.from)).toBe(30 * 86_400_000);
    expect(recent.body.units.find((entry: { code: string }) => entry.code === unit).received).toBe(0);
    expect((await call(system, 'GET', '/api/v1/public/units/league?from=2026-02-01&to=2026-01-01')).status).toBe(422);
    expect((await call(system, 'GET', '/api/v1/public/units/league?from=2020-01-01&to=2026-01-01')).status).toBe(422);
    expect((await call(system, 'GET', '/api/v1/public/units/league?format=xlsx')).status).toBe(400);
  });
});

describe('anonymous reporters', () => {
  it('when a reporter asks to stay anonymous, then the public and the unit never see who they are, but the coordinator desk does', async () => {
    const report = await submitRouted(system, {
      categoryCode: 'WASTE',
      description: 'Bãi rác tự phát cạnh chợ, mùi hôi nồng nặc.',
      location: { wardCode: 'P-SAIGON' },
      reporter: { ...person, anonymous: true },
    });
    const everyone = [
      await call(system, 'GET', `/api/v1/reports/${report.code}`),
      await call(system, 'GET', '/api/v1/public/reports?wardCode=P-SAIGON&pageSize=100'),
    ];
    for (const view of everyone)
      for (const fragment of personal) expect(JSON.stringify(view.body)).not.toContain(fragment);

    const unitView = await call(system, 'GET', `/api/v1/tasks/${report.code}`, {
      token: await staffToken(system, 'unit_staff', 'P-SAIGON'),
    });
    expect(unitView.body.reporter).toEqual({ name: null, phone: null, email: null, type: 'citizen', anonymous: true });
    const headView = await call(system, 'GET', `/api/v1/tasks/${report.code}`, {
      token: await staffToken(system, 'unit_head', 'P-SAIGON'),
    });
    expect(headView.body.reporter.phone).toBeNull();
    const leaderView = await call(system, 'GET', `/api/v1/tasks/${report.code}`, {
      token: await staffToken(system, 'leader', 'HCM'),
    });
    expect(leaderView.body.reporter.phone).toBeNull();
    const list = await call(system, 'GET', '/api/v1/tasks?pageSize=200', {
      token: await staffToken(system, 'unit_staff', 'P-SAIGON'),
    });
    for (const fragment of personal) expect(JSON.stringify(list.body)).not.toContain(fragment);

    const desk = await call(system, 'GET', `/api/v1/tasks/${report.code}`, {
      token: await staffToken(system, 'coordinator', 'HCM-TT1022'),
    });
    expect(desk.body.reporter).toMatchObject({
      name: person.name,
      phone: '+84912345678',
      email: person.email,
      anonymous: true,
    });
    const own = await call(system, 'GET', `/api/v1/reports/${report.code}`, { reportToken: report.accessToken });
    expect(own.body.reporter).toMatchObject({ name: person.name, anonymous: true });
  });

  it('when a reporter is not anonymous, then their unit sees the contact details it needs to call back', async () => {
    const report = await submitRouted(system, {
      categoryCode: 'WASTE',
      description: 'Rác tồn đọng trước số 3 Hàm Nghi.',
      location: { wardCode: 'P-SAIGON' },
      reporter: person,
    });
    const unitView = await call(system, 'GET', `/api/v1/tasks/${report.code}`, {
      token: await staffToken(system, 'unit_staff', 'P-SAIGON'),
    });
    expect(unitView.body.reporter).toMatchObject({ name: person.name, phone: '+84912345678', anonymous: false });
  });
});

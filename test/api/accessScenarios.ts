// One scenario per route of the table, for the access matrix: how to build a request that
// succeeds for a role (fresh state where the call changes it), what success is, a request naming
// nothing that exists, and how the route treats a caller of the same role outside its scope.
// Fixtures are reports routed to P-SAIGON; P-BENTHANH staff are the outsiders.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { StaffRole } from '../../domain/roles';
import seedRuleSet from '../../rules/ruleset.json';
import { ensureSchedule, weeklySummarySchedule } from '../../temporal/schedules';
import type { Made } from '../support/reports';
import { call, eventually, type TestSystem } from '../support/system';

export interface Req {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** a multipart/form-data body instead of JSON */
  form?: FormData;
  reportToken?: string;
  /** the token subject to use for the in-scope call */
  sub?: string;
}

export interface Fixtures {
  system: TestSystem;
  submitRouted(system: TestSystem, body?: Record<string, unknown>): Promise<Made>;
  accepted(system: TestSystem): Promise<Made>;
  resolved(system: TestSystem): Promise<Made>;
  triaged(system: TestSystem): Promise<Made>;
  withExtensionPending(system: TestSystem): Promise<Made>;
  token(role: StaffRole, unit: string, sub?: string): Promise<string>;
}

export interface Scenario {
  /** the success status */
  ok: number;
  arrange(fixtures: Fixtures, role: StaffRole | null): Promise<Req>;
  /** a well-formed request whose target does not exist: 404 */
  unknown?: Req;
  /** roles tried outside their scope, and the unit they sit in there */
  away?: Partial<Record<StaffRole, string>>;
  /** 'forbidden': the outsider gets 403; a function: the outsider gets 200 and this must say the target is absent */
  outOfScope?: 'forbidden' | ((body: any, request: Req) => boolean);
  /** where a role sits for the in-scope call, when not the default */
  home?: Partial<Record<StaffRole, string>>;
  check?(body: any, request: Req, role: StaffRole | null): void;
}

const outsiders = { unit_staff: 'P-BENTHANH', unit_head: 'P-BENTHANH', leader: 'P-BENTHANH' } as const;
const unitOutsiders = { unit_staff: 'P-BENTHANH', unit_head: 'P-BENTHANH' } as const;
const unknownCode = { params: { code: 'PA00-999999' } };
const unknownId = { params: { id: '00000000-0000-4000-8000-000000000000' } };
/** A form with one small PNG in the upload field. */
async function photoForm(): Promise<FormData> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'matrix.png');
  return form;
}
let photoOnce: Promise<string> | undefined;
const uploadedPhoto = (f: Fixtures) =>
  (photoOnce ??= photoForm().then(async (form) => {
    const reply = await call(f.system, 'POST', '/api/v1/photos', { form });
    return reply.body.items[0].id as string;
  }));
const unknownPhoto = { params: { id: `o${'0'.repeat(40)}` } };

const publicGet = (check?: Scenario['check']): Scenario => ({ ok: 200, arrange: async () => ({}), check });
const listed = (body: { items: { code: string }[] }, request: Req) =>
  body.items.some((item) => item.code === request.params?.code);

// Shared fixtures for read-only scenarios: made once per file, on first use.
let routedOnce: Promise<Made> | undefined;
const routedReport = (f: Fixtures) => (routedOnce ??= f.submitRouted(f.system));

const until = (made: Made) => new Date(Date.parse(made.deadlineAt!) + 3 * 86_400_000).toISOString();

/** A registry of one fresh ward under the city, as CSV. */
const matrixUnitsCsv = (code: string) =>
  `code,admin_code,name_vi,name_en,type,parent_code,valid_from,valid_to,successor_code,source\n${code},,Phường ${code},Ward ${code},ward,HCM,2025-07-01,,,access matrix\n`;

/** A fresh ward, imported by the city's admin, for the actions that end or rename one. */
async function matrixUnit(f: Fixtures): Promise<string> {
  const code = `M-${randomUUID().slice(0, 8)}`;
  const reply = await call(f.system, 'POST', '/api/v1/admin/units/import', {
    token: await f.token('admin', 'HCM'),
    raw: matrixUnitsCsv(code),
    headers: { 'content-type': 'text/csv' },
  });
  expect(reply.status).toBe(200);
  return code;
}

/** A directive by the P-SAIGON leader on a fresh P-SAIGON report, once its workflow has recorded the targeted unit. */
async function directiveOnSaigon(f: Fixtures): Promise<string> {
  const report = await f.submitRouted(f.system);
  const leader = await f.token('leader', 'P-SAIGON');
  const issued = await call(f.system, 'POST', '/api/v1/directives', {
    token: leader,
    body: { target: { reportCode: report.code }, instruction: 'Xử lý dứt điểm trong ngày.' },
  });
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  const admin = await f.token('admin', 'HCM');
  await eventually(
    async () =>
      (await call(f.system, 'GET', `/api/v1/directives/${issued.body.id}`, { token: admin })).body.units?.length > 0,
    30_000,
    'directive reached',
  );
  return issued.body.id;
}

const matrixTemplate = { titleVi: 'Mẫu', titleEn: 'Template', bodyVi: 'Phản ánh {{ma_phan_anh}} đã được xử lý.' };

export const routeScenarios: Record<string, Scenario> = {
  // operations
  'GET /healthz': publicGet(),
  'GET /readyz': publicGet((body) => expect(body).toMatchObject({ database: true, temporal: true })),
  'GET /metrics': publicGet((body) => expect(body).toContain('pakn_http_request_duration_seconds')),
  'GET /openapi.json': publicGet((body) => expect(body.openapi).toBe('3.1.0')),

  // citizens
  'POST /api/v1/reports': {
    ok: 201,
    arrange: async () => ({
      body: {
        categoryCode: 'WASTE',
        description: 'Rác tồn đọng ở đầu hẻm nhiều ngày.',
        location: { wardCode: 'P-SAIGON' },
      },
    }),
  },
  'GET /api/v1/reports/:code': {
    ok: 200,
    unknown: unknownCode,
    arrange: async (f) => ({ params: { code: (await routedReport(f)).code } }),
    check: (body) => expect(body.reporter).toBeUndefined(),
  },
  'POST /api/v1/reports/:code/rating': {
    ok: 200,
    unknown: { ...unknownCode, body: { score: 4 } },
    arrange: async (f) => {
      const report = await f.resolved(f.system);
      return { params: { code: report.code }, reportToken: report.accessToken, body: { score: 4 } };
    },
  },
  'POST /api/v1/reports/:code/comments': {
    ok: 200,
    unknown: { ...unknownCode, body: { comment: 'Thêm thông tin' } },
    arrange: async (f) => {
      const report = await routedReport(f);
      return {
        params: { code: report.code },
        reportToken: report.accessToken,
        body: { comment: 'Rác vẫn còn, thêm ảnh sau.' },
      };
    },
  },
  'POST /api/v1/reports/:code/withdraw': {
    ok: 200,
    unknown: unknownCode,
    arrange: async (f) => {
      const report = await f.submitRouted(f.system);
      return { params: { code: report.code }, reportToken: report.accessToken, body: {} };
    },
  },
  'POST /api/v1/photos': {
    ok: 201,
    arrange: async () => ({ form: await photoForm() }),
    check: (body) => expect(body.items[0].contentType).toBe('image/png'),
  },
  'GET /media/:id': {
    ok: 200,
    unknown: unknownPhoto,
    arrange: async (f) => ({ params: { id: await uploadedPhoto(f) } }),
  },
  'GET /media/:id/thumbnail': {
    ok: 200,
    unknown: unknownPhoto,
    arrange: async (f) => ({ params: { id: await uploadedPhoto(f) } }),
  },
  'GET /api/v1/categories': publicGet((body) => expect(body.items.length).toBeGreaterThan(0)),
  'GET /api/v1/units': publicGet((body) => expect(body.items.length).toBeGreaterThan(0)),
  'GET /api/v1/calendar/:year': {
    ok: 200,
    arrange: async () => ({ params: { year: '2027' } }),
    check: (body) => expect(body).toEqual(expect.objectContaining({ year: 2027, status: 'provisional' })),
  },

  // units
  'GET /api/v1/tasks': {
    ok: 200,
    away: outsiders,
    outOfScope: listed,
    arrange: async (f) => ({ params: { code: (await routedReport(f)).code }, query: 'pageSize=200' }),
    // The coordinator desk's own subtree holds no tasks; everyone else here sees P-SAIGON's.
    check: (body, request, role) => expect(listed(body, request)).toBe(role !== 'coordinator'),
  },
  'GET /api/v1/tasks/:code': {
    ok: 200,
    unknown: unknownCode,
    away: outsiders,
    outOfScope: 'forbidden',
    arrange: async (f) => ({ params: { code: (await routedReport(f)).code } }),
  },
  'GET /api/v1/tasks/:code/reply-templates': {
    ok: 200,
    unknown: unknownCode,
    away: outsiders,
    outOfScope: 'forbidden',
    arrange: async (f) => ({ params: { code: (await routedReport(f)).code } }),
    check: (body) => expect(body.items.map((t: { code: string }) => t.code)).toContain('WASTE-COLLECTED'),
  },
  'POST /api/v1/tasks/:code/accept': {
    ok: 200,
    unknown: { ...unknownCode, body: {} },
    away: unitOutsiders,
    outOfScope: 'forbidden',
    arrange: async (f) => ({ params: { code: (await f.submitRouted(f.system)).code }, body: {} }),
    check: (body) => expect(body.status).toBe('in_progress'),
  },
  'POST /api/v1/tasks/:code/progress': {
    ok: 200,
    unknown: { ...unknownCode, body: { note: 'Đang xử lý' } },
    away: unitOutsiders,
    outOfScope: 'forbidden',
    arrange: async (f) => ({
      params: { code: (await f.accepted(f.system)).code },
      body: { note: 'Đã cử người kiểm tra hiện trường' },
    }),
  },
  'POST /api/v1/tasks/:code/transfer': {
    ok: 200,
    unknown: { ...unknownCode, body: { reason: 'Không thuộc thẩm quyền' } },
    away: unitOutsiders,
    outOfScope: 'forbidden',
    arrange: async (f) => ({
      params: { code: (await f.submitRouted(f.system)).code },
      body: { reason: 'Thuộc thẩm quyền Sở Nông nghiệp và Môi trường' },
    }),
  },
  'POST /api/v1/tasks/:code/extension': {
    ok: 200,
    unknown: {
      ...unknownCode,
      body: { reason: 'Cần thêm thời gian', until: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    },
    away: unitOutsiders,
    outOfScope: 'forbidden',
    arrange: async (f) => {
      const report = await f.accepted(f.system);
      return { params: { code: report.code }, body: { reason: 'Cần phối hợp liên ngành', until: until(report) } };
    },
    check: (body) => expect(body.extensionPending).toBe(true),
  },
  'POST /api/v1/tasks/:code/extension/decision': {
    ok: 200,
    unknown: { ...unknownCode, body: { approve: true } },
    arrange: async (f) => ({
      params: { code: (await f.withExtensionPending(f.system)).code },
      body: { approve: true, note: 'Đồng ý gia hạn' },
    }),
    check: (body) => expect(body.extensionPending).toBe(false),
  },
  'POST /api/v1/tasks/:code/resolve': {
    ok: 200,
    unknown: { ...unknownCode, body: { result: 'Đã xử lý xong.' } },
    away: unitOutsiders,
    outOfScope: 'forbidden',
    arrange: async (f) => ({
      params: { code: (await f.accepted(f.system)).code },
      body: { result: 'Đã thu gom toàn bộ rác.', replyTemplate: { code: 'GENERAL-RESOLVED' } },
    }),
    check: (body) => {
      expect(body.status).toBe('resolved');
      expect(body.timeline.find((entry: { type: string }) => entry.type === 'resolved').replyTemplate).toEqual(
        expect.objectContaining({ code: 'GENERAL-RESOLVED', version: 1 }),
      );
    },
  },

  'POST /api/v1/tasks/:code/reassign': {
    ok: 200,
    unknown: { ...unknownCode, body: { unitCode: 'P-BENTHANH', reason: 'Thuộc phường Bến Thành' } },
    arrange: async (f) => ({
      params: { code: (await f.accepted(f.system)).code },
      body: { unitCode: 'P-BENTHANH', reason: 'Địa chỉ thuộc phường Bến Thành' },
    }),
    check: (body) => expect(body).toMatchObject({ status: 'assigned', unitCode: 'P-BENTHANH' }),
  },

  // coordinator desk
  'GET /api/v1/triage': { ok: 200, arrange: async () => ({}) },
  'GET /api/v1/extensions': {
    ok: 200,
    arrange: async (f) => ({ params: { code: (await f.withExtensionPending(f.system)).code }, query: 'pageSize=100' }),
    check: (body, request) => expect(listed(body, request)).toBe(true),
  },
  'POST /api/v1/triage/:code/assign': {
    ok: 200,
    unknown: { ...unknownCode, body: { unitCode: 'P-SAIGON' } },
    arrange: async (f) => ({ params: { code: (await f.triaged(f.system)).code }, body: { unitCode: 'P-SAIGON' } }),
    check: (body) => expect(body).toMatchObject({ status: 'assigned', unitCode: 'P-SAIGON' }),
  },

  // transparency
  'GET /api/v1/public/reports': publicGet((body) =>
    expect(body).toMatchObject({ items: expect.any(Array), page: 1, hasMore: expect.any(Boolean) }),
  ),
  'GET /api/v1/public/units/league': publicGet((body) => expect(body.units.length).toBeGreaterThan(0)),
  'GET /api/v1/public/units/league.csv': publicGet((body) => expect(body).toMatch(/^\uFEFF?level,rank,code,/)),

  // administration
  'GET /api/v1/audit': {
    ok: 200,
    away: { admin: 'P-BENTHANH' },
    outOfScope: (body) => body.items.length > 0,
    // A fresh P-SAIGON actor reads a task (an audited read): the city's admin sees it, P-BENTHANH's does not.
    arrange: async (f) => {
      const actor = `matrix-${randomUUID()}`;
      const code = (await routedReport(f)).code;
      expect(
        (
          await call(f.system, 'GET', `/api/v1/tasks/${code}`, {
            token: await f.token('unit_staff', 'P-SAIGON', actor),
          })
        ).status,
      ).toBe(200);
      return { query: `actorId=${actor}` };
    },
    check: (body) =>
      expect(body.items).toEqual([
        expect.objectContaining({ action: 'GET /api/v1/tasks/:code', actorUnit: 'P-SAIGON', status: 200 }),
      ]),
  },
  'GET /api/v1/admin/rule-sets': {
    ok: 200,
    arrange: async () => ({}),
    check: (body) => expect(body.items).toContainEqual(expect.objectContaining({ version: 1, active: true })),
  },
  'GET /api/v1/admin/rule-sets/:version': {
    ok: 200,
    unknown: { params: { version: '99' } },
    arrange: async () => ({ params: { version: '1' } }),
    check: (body) => expect(body.ruleSet.rules.length).toBe(seedRuleSet.rules.length),
  },
  'POST /api/v1/admin/rule-sets': {
    ok: 201,
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async () => ({ body: { note: 'matrix', defaults: seedRuleSet.defaults, rules: seedRuleSet.rules } }),
    check: (body) => expect(body).toMatchObject({ active: false, note: 'matrix' }),
  },
  'POST /api/v1/admin/rule-sets/:version/dry-run': {
    ok: 200,
    unknown: { params: { version: '99' }, body: {} },
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async () => ({ params: { version: '1' }, body: {} }),
    check: (body) => expect(body).toMatchObject({ version: 1, changed: 0 }),
  },
  // Re-publishing the active version: the matrix's other scenarios keep routing as before.
  'POST /api/v1/admin/rule-sets/:version/publish': {
    ok: 200,
    unknown: { params: { version: '99' } },
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async () => ({ params: { version: '1' } }),
    check: (body) => expect(body).toMatchObject({ version: 1, active: true }),
  },
  'GET /api/v1/reports/:code/routing': {
    ok: 200,
    unknown: unknownCode,
    away: outsiders,
    outOfScope: 'forbidden',
    arrange: async (f) => ({ params: { code: (await routedReport(f)).code } }),
    check: (body) => expect(body).toMatchObject({ ruleVersion: 1, decision: { kind: 'route', unitCode: 'P-SAIGON' } }),
  },
  'POST /api/v1/partners/keys': {
    ok: 201,
    arrange: async () => ({ body: { partner: `matrix-${randomUUID().slice(0, 8)}` } }),
    check: (body) => expect(body.key).toEqual(expect.any(String)),
  },
  'GET /api/v1/partners/keys': { ok: 200, arrange: async () => ({}) },
  // Units made for the matrix through the import itself, so each call has a fresh target.
  'POST /api/v1/admin/units/import': {
    ok: 200,
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async () => ({ body: matrixUnitsCsv(`M-${randomUUID().slice(0, 8)}`) }),
    check: (body) => expect(body.imported).toBe(1),
  },
  'GET /api/v1/admin/units/export': {
    ok: 200,
    arrange: async () => ({}),
    check: (body) => expect(body).toMatch(/^\uFEFF?code,admin_code,name_vi,/),
  },
  'GET /api/v1/admin/units/:code': {
    ok: 200,
    unknown: { params: { code: 'NOWHERE' } },
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async (f) => ({ params: { code: await matrixUnit(f) } }),
    check: (body) => expect(body).toMatchObject({ formerNames: [], predecessors: [], successor: null }),
  },
  'POST /api/v1/admin/units/:code/rename': {
    ok: 200,
    unknown: { params: { code: 'NOWHERE' }, body: { nameVi: 'X', nameEn: 'X', from: '2026-01-01' } },
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async (f) => ({
      params: { code: await matrixUnit(f) },
      body: { nameVi: 'Tên mới', nameEn: 'New name', from: '2026-01-01' },
    }),
  },
  'POST /api/v1/admin/units/merge': {
    ok: 200,
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async (f) => ({ body: { codes: [await matrixUnit(f)], successorCode: 'P-SAIGON', from: '2026-01-01' } }),
  },
  'POST /api/v1/admin/units/:code/retire': {
    ok: 200,
    unknown: { params: { code: 'NOWHERE' }, body: { from: '2026-01-01' } },
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async (f) => ({ params: { code: await matrixUnit(f) }, body: { from: '2026-01-01' } }),
  },
  'GET /api/v1/admin/categories': {
    ok: 200,
    arrange: async () => ({}),
    check: (body) => expect(body.items.length).toBeGreaterThan(0),
  },
  'POST /api/v1/admin/categories': {
    ok: 201,
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async () => ({ body: { code: `M-${randomUUID().slice(0, 8)}`, nameVi: 'Lĩnh vực', nameEn: 'Category' } }),
  },
  'PUT /api/v1/admin/categories/:code': {
    ok: 200,
    unknown: { params: { code: 'NOWHERE' }, body: { nameVi: 'X', nameEn: 'X', expectedVersion: 1 } },
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async (f) => {
      const code = `M-${randomUUID().slice(0, 8)}`;
      await call(f.system, 'POST', '/api/v1/admin/categories', {
        token: await f.token('admin', 'HCM'),
        body: { code, nameVi: 'Lĩnh vực', nameEn: 'Category' },
      });
      return { params: { code }, body: { nameVi: 'Lĩnh vực mới', nameEn: 'New category', expectedVersion: 1 } };
    },
  },
  'GET /api/v1/admin/categories/:code/versions': {
    ok: 200,
    unknown: { params: { code: 'NOWHERE' } },
    arrange: async () => ({ params: { code: 'WASTE' } }),
  },
  'GET /api/v1/admin/reply-templates': {
    ok: 200,
    arrange: async () => ({}),
    check: (body) => expect(body.items.length).toBeGreaterThan(0),
  },
  'POST /api/v1/admin/reply-templates': {
    ok: 201,
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async () => ({ body: { ...matrixTemplate, code: `M-${randomUUID().slice(0, 8)}` } }),
  },
  'PUT /api/v1/admin/reply-templates/:code': {
    ok: 200,
    unknown: { params: { code: 'NOWHERE' }, body: { ...matrixTemplate, expectedVersion: 1 } },
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async (f) => {
      const code = `M-${randomUUID().slice(0, 8)}`;
      await call(f.system, 'POST', '/api/v1/admin/reply-templates', {
        token: await f.token('admin', 'HCM'),
        body: { ...matrixTemplate, code },
      });
      return { params: { code }, body: { ...matrixTemplate, titleVi: 'Mẫu mới', expectedVersion: 1 } };
    },
  },
  'GET /api/v1/admin/reply-templates/:code/versions': {
    ok: 200,
    unknown: { params: { code: 'NOWHERE' } },
    arrange: async () => ({ params: { code: 'WASTE-COLLECTED' } }),
  },
  'GET /api/v1/admin/staff': {
    ok: 200,
    away: { admin: 'P-BENTHANH' },
    outOfScope: (body) => body.items.some((person: { unitCode: string }) => person.unitCode === 'P-SAIGON'),
    arrange: async () => ({}),
    check: (body) => expect(body.items.length).toBeGreaterThan(0),
  },
  'PUT /api/v1/admin/staff/:id': {
    ok: 200,
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async () => ({
      params: { id: `matrix-${randomUUID().slice(0, 8)}` },
      body: { name: 'Cán bộ kiểm thử', role: 'unit_staff', unitCode: 'P-SAIGON', phone: '0912345678' },
    }),
    check: (body) => expect(body.phone).toBe('+84912345678'),
  },
  // A year far ahead, so that no open fixture report's deadline moves.
  'PUT /api/v1/admin/calendar/:year': {
    ok: 200,
    away: { admin: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async () => ({
      params: { year: '2040' },
      body: { days: [{ date: '2040-01-02', kind: 'holiday', nameVi: 'Tết Dương lịch', nameEn: "New Year's Day" }] },
    }),
    check: (body) => expect(body.status).toBe('official'),
  },
  'POST /api/v1/partners/keys/:id/revoke': {
    ok: 200,
    unknown: { ...unknownId, body: {} },
    arrange: async (f) => {
      const issued = await call(f.system, 'POST', '/api/v1/partners/keys', {
        token: await f.token('admin', 'HCM'),
        body: { partner: `matrix-${randomUUID().slice(0, 8)}` },
      });
      return { params: { id: issued.body.id }, body: {} };
    },
  },

  // leadership
  'GET /api/v1/stats': {
    ok: 200,
    away: { leader: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async () => ({ query: 'unitCode=P-SAIGON' }),
  },
  'GET /api/v1/summaries/preview': {
    ok: 200,
    away: { leader: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async () => ({ query: 'unitCode=P-SAIGON' }),
  },
  'POST /api/v1/summaries/run': {
    ok: 202,
    // The schedule a worker creates at start-up (the matrix's afterAll deletes it).
    arrange: async (f) => {
      await ensureSchedule(f.system.client, weeklySummarySchedule(f.system.config.taskQueue, 1));
      return {};
    },
  },
  'GET /api/v1/summaries/recipients': { ok: 200, arrange: async () => ({}) },
  'POST /api/v1/summaries/recipients': {
    ok: 201,
    arrange: async () => ({
      body: { name: 'Chủ tịch UBND phường Sài Gòn', email: 'chutich@saigon.example', scopeUnitCode: 'P-SAIGON' },
    }),
  },
  'POST /api/v1/directives': {
    ok: 201,
    unknown: { body: { target: { reportCode: 'PA00-999999' }, instruction: 'Kiểm tra ngay.' } },
    away: { leader: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async (f) => ({
      body: {
        target: { reportCode: (await f.submitRouted(f.system)).code },
        instruction: 'Xử lý dứt điểm trong ngày.',
      },
    }),
  },
  'POST /api/v1/directives/preview': {
    ok: 200,
    unknown: { body: { target: { reportCode: 'PA00-999999' } } },
    away: { leader: 'P-BENTHANH' },
    outOfScope: 'forbidden',
    arrange: async (f) => ({ body: { target: { reportCode: (await routedReport(f)).code } } }),
    check: (body) => expect(body).toEqual({ targets: 1 }),
  },
  'GET /api/v1/directives/:id': {
    ok: 200,
    unknown: unknownId,
    away: outsiders,
    outOfScope: 'forbidden',
    arrange: async (f) => ({ params: { id: await directiveOnSaigon(f) } }),
  },
  'POST /api/v1/directives/:id/ack': {
    ok: 200,
    unknown: { ...unknownId, body: {} },
    away: unitOutsiders,
    outOfScope: 'forbidden',
    arrange: async (f) => ({ params: { id: await directiveOnSaigon(f) }, body: {} }),
  },
};

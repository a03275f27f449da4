// Open311 service requests against the real system: a partner's POST (form-encoded and multipart)
// becomes a report that the real workflow routes; GET by id, list with filters and the 90-day
// window, tokens; no personal data in any GET; errors in the spec's format with the right status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, startTestSystem, type TestSystem } from '../support/system';
import { child, childText, expectOpen311Errors, getBoth, issueKey, parseXml, postForm, postMultipart } from './support';

let system: TestSystem;
let apiKey: string;
beforeAll(async () => {
  system = await startTestSystem();
  apiKey = (await issueKey(system, 'fixmystreet-vn')).key;
});
afterAll(async () => system?.stop());

const wasteForm = (extra: Record<string, string> = {}) => ({
  api_key: apiKey,
  jurisdiction_id: 'hochiminhcity.gov.vn',
  service_code: 'WASTE',
  description: 'Rác thải tồn đọng nhiều ngày trước số 12 Lê Lợi, liên hệ 0912 345 678 hoặc binh@example.com.',
  lat: '10.7752',
  long: '106.7009',
  address_string: '12 Lê Lợi',
  'attribute[WARD]': 'P-SAIGON',
  'attribute[TITLE]': 'Rác tồn đọng',
  email: 'binh@example.com',
  phone: '0912345678',
  first_name: 'Văn Bình',
  last_name: 'Nguyễn',
  media_url: 'https://img.example.com/rac.jpg',
  device_id: 'device-1',
  ...extra,
});
const reportCount = async () => (await system.pool.query('SELECT count(*)::int AS n FROM reports')).rows[0].n as number;
const requestFields = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const hcmTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/;

async function routed(code: string) {
  return eventually(
    async () => {
      const reply = await call(system, 'GET', `/open311/v2/requests/${code}.json`);
      return reply.body[0]?.agency_responsible ? reply.body[0] : undefined;
    },
    30_000,
    `routing of ${code}`,
  );
}

let wasteCode: string;
describe('Open311 POST requests', () => {
  it('when a partner posts a form-encoded request, then it goes through intake (channel open311) and the workflow routes it to the ward', async () => {
    const reply = await postForm(system, '/open311/v2/requests.xml', wasteForm());
    expect(reply.status).toBe(201);
    expect(reply.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const request = child(parseXml(reply.body), 'request')!;
    wasteCode = childText(request, 'service_request_id')!;
    expect(wasteCode).toMatch(/^PA\d{2}-\d{6}$/);
    expect(childText(request, 'service_notice')).toContain(wasteCode);

    const row = (await system.pool.query('SELECT * FROM reports WHERE code = $1', [wasteCode])).rows[0];
    expect(row).toMatchObject({
      channel: 'open311',
      category_code: 'WASTE',
      ward_code: 'P-SAIGON',
      title: 'Rác tồn đọng',
      reporter_name: 'Nguyễn Văn Bình',
      reporter_phone: '+84912345678',
      reporter_email: 'binh@example.com',
      media: ['https://img.example.com/rac.jpg'],
      lat: 10.7752,
      lng: 106.7009,
    });
    const submission = (
      await system.pool.query('SELECT partner, device_id FROM open311_submissions WHERE report_id = $1', [row.id])
    ).rows[0];
    expect(submission).toEqual({ partner: 'fixmystreet-vn', device_id: 'device-1' });

    const view = await routed(wasteCode);
    expect(view).toMatchObject({
      status: 'open',
      agency_responsible: 'Ủy ban nhân dân phường Sài Gòn',
      expected_datetime: expect.stringMatching(hcmTime),
    });
    const ack = await eventually(
      async () =>
        (
          await system.pool.query(
            "SELECT recipient FROM outbox WHERE template = 'report_ack' AND report_id = $1 AND channel = 'email'",
            [row.id],
          )
        ).rows[0],
    );
    expect(ack.recipient).toBe('binh@example.com');
  });

  it('when a partner posts multipart/form-data and asks for JSON, then the report is created and routed by the rules (street light → Sapulico)', async () => {
    const reply = await postMultipart(system, '/open311/v2/requests.json', {
      api_key: apiKey,
      service_code: 'STREETLIGHT',
      description: 'Đèn đường không sáng cả tuần nay ở hẻm 45 Lê Thánh Tôn.',
      address_id: 'P-BENTHANH',
      first_name: 'An',
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^PA\d{2}-\d{6}$/),
        service_notice: expect.any(String),
        account_id: null,
      },
    ]);
    const view = await routed(reply.body[0].service_request_id);
    expect(view.agency_responsible).toContain('Sapulico');
    expect(view.address_id).toBe('P-BENTHANH');
  });

  it('when the same Idempotency-Key is sent twice, then the same request is answered', async () => {
    const first = await postForm(system, '/open311/v2/requests.json', wasteForm(), { 'idempotency-key': 'fms-42' });
    const again = await postForm(system, '/open311/v2/requests.json', wasteForm(), { 'idempotency-key': 'fms-42' });
    expect(first.status).toBe(201);
    expect(again.body[0].service_request_id).toBe(first.body[0].service_request_id);
  });

  it("when the input is wrong, then the spec's errors with status 400 (404 for an unknown service) and nothing is stored", async () => {
    const before = await reportCount();
    const cases: [Record<string, string>, number, string][] = [
      [wasteForm({ description: '' }), 400, 'description'],
      [wasteForm({ service_code: '' }), 400, 'service_code'],
      [wasteForm({ service_code: 'NOPE' }), 404, 'service_code NOPE'],
      [wasteForm({ 'attribute[WARD]': 'P-NOWHERE' }), 400, 'attribute[WARD]'],
      [wasteForm({ lat: '21.0285', long: '105.8542' }), 400, 'lat'],
      [wasteForm({ long: '' }), 400, 'lat and long'],
      [wasteForm({ lat: '', long: '', address_string: '', 'attribute[WARD]': '' }), 400, 'location'],
      [wasteForm({ lat: 'north' }), 400, 'lat'],
      [wasteForm({ 'attribute[COLOUR]': 'red' }), 400, 'attribute[COLOUR]'],
      [wasteForm({ media_url: 'http://img.example.com/a.jpg' }), 400, 'media_url'],
      [wasteForm({ phone: '12345' }), 400, 'phone'],
      [wasteForm({ 'attribute[REPORTER_TYPE]': 'robot' }), 400, 'attribute[REPORTER_TYPE]'],
      [wasteForm({ address_id: 'P-BENTHANH' }), 400, 'address_id'],
      [wasteForm({ jurisdiction_id: 'sfgov.org' }), 404, 'jurisdiction_id'],
    ];
    for (const [fields, status, mention] of cases) {
      const reply = await postForm(system, '/open311/v2/requests.xml', fields);
      expect(reply.status, mention).toBe(status);
      expect(expectOpen311Errors(reply.body, status).join(' '), mention).toContain(mention);
    }
    const json = await postForm(system, '/open311/v2/requests.json', wasteForm({ description: 'short' }));
    expect(json.status).toBe(400);
    expect(json.body).toEqual([{ code: 400, description: expect.stringContaining('description') }]);
    expect(await reportCount()).toBe(before);
  });

  it('when the body is JSON or carries a file, then 400: Open311 takes form fields, and media only as media_url', async () => {
    const before = await reportCount();
    const asJson = await call(system, 'POST', '/open311/v2/requests.json', { body: wasteForm() });
    expect(asJson.status).toBe(400);
    expect(asJson.body[0].description).toContain('x-www-form-urlencoded');
    const withFile = await postMultipart(system, '/open311/v2/requests.json', wasteForm(), {
      name: 'media',
      filename: 'photo.jpg',
    });
    expect(withFile.status).toBe(400);
    expect(withFile.body[0].description).toContain('media_url');
    expect(await reportCount()).toBe(before);
  });
});

describe('Open311 GET requests', () => {
  it("when a request is read, then XML and JSON carry the spec's fields, in +07:00, and no personal data", async () => {
    await routed(wasteCode);
    const xml = await call(system, 'GET', `/open311/v2/requests/${wasteCode}.xml`);
    const { root, json } = await getBoth(system, `/open311/v2/requests/${wasteCode}`);
    expect(root.name).toBe('service_requests');
    expect(root.children.map((item) => item.name)).toEqual(['request']);
    expect(Object.keys(json[0])).toEqual(requestFields);
    expect(json[0]).toMatchObject({
      service_request_id: wasteCode,
      status: 'open',
      service_code: 'WASTE',
      service_name: 'Rác thải, vệ sinh môi trường',
      address: '12 Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh',
      address_id: 'P-SAIGON',
      zipcode: null,
      lat: 10.7752,
      long: 106.7009,
      media_url: 'https://img.example.com/rac.jpg',
      requested_datetime: expect.stringMatching(hcmTime),
      updated_datetime: expect.stringMatching(hcmTime),
    });
    expect(json[0].description).toContain('[phone]');
    expect(json[0].description).toContain('[email]');
    for (const text of [xml.body, JSON.stringify(json)]) {
      for (const personal of ['Nguyễn', 'Văn Bình', 'binh@example.com', '0912', '+8491'])
        expect(text).not.toContain(personal);
    }
    const english = await call(system, 'GET', `/open311/v2/requests/${wasteCode}.json?locale=en`);
    expect(english.body[0]).toMatchObject({
      service_name: 'Waste and sanitation',
      agency_responsible: "People's Committee of Sai Gon Ward",
    });
  });

  it("when a request id is unknown, then 404 in the spec's format", async () => {
    const reply = await call(system, 'GET', '/open311/v2/requests/PA00-000000.xml');
    expect(reply.status).toBe(404);
    expectOpen311Errors(reply.body, 404);
  });

  it('when a token is looked up, then it maps to its request (we answer in realtime)', async () => {
    const { json } = await getBoth(system, `/open311/v2/tokens/${wasteCode}`);
    expect(json).toEqual([{ service_request_id: wasteCode, token: wasteCode }]);
    const id = (await system.pool.query('SELECT id FROM reports WHERE code = $1', [wasteCode])).rows[0].id;
    expect((await call(system, 'GET', `/open311/v2/tokens/${id}.json`)).body[0].service_request_id).toBe(wasteCode);
    expect((await call(system, 'GET', '/open311/v2/tokens/nope.json')).status).toBe(404);
  });

  it('when the list is filtered, then service_code, status, the 90-day default window and paging apply; service_request_id overrides them', async () => {
    const day = 86_400_000;
    const seed = async (code: string, category: string, status: string, daysAgo: number) =>
      system.pool.query(
        `INSERT INTO reports (id, code, category_code, description, status, submitted_at, updated_at, ward_code)
         VALUES (gen_random_uuid(), $1, $2, 'Báo cáo cũ để thử bộ lọc, gọi 0987 654 321.', $3, $4, $4, 'P-SAIGON')`,
        [code, category, status, new Date(Date.now() - daysAgo * day)],
      );
    await seed('PA00-900100', 'WASTE', 'closed', 100);
    await seed('PA00-900030', 'FLOOD', 'in_progress', 30);
    await seed('PA00-900020', 'FLOOD', 'resolved', 20);
    const codes = async (query: string) =>
      (await call(system, 'GET', `/open311/v2/requests.json${query}`)).body.map(
        (request: { service_request_id: string }) => request.service_request_id,
      );

    const recent = await codes('');
    expect(recent).toEqual(expect.arrayContaining(['PA00-900030', 'PA00-900020', wasteCode]));
    expect(recent).not.toContain('PA00-900100');
    expect(await codes('?service_code=FLOOD')).toEqual(['PA00-900020', 'PA00-900030']);
    expect(await codes('?service_code=FLOOD&status=closed')).toEqual(['PA00-900020']);
    expect(await codes('?service_code=FLOOD,STREETLIGHT&status=open')).toHaveLength(2);
    const iso = (daysAgo: number) => encodeURIComponent(new Date(Date.now() - daysAgo * day).toISOString());
    expect(await codes(`?start_date=${iso(120)}&end_date=${iso(60)}`)).toEqual(['PA00-900100']);
    expect(await codes(`?end_date=${iso(25)}`)).toEqual(['PA00-900030', 'PA00-900100']);
    expect(await codes(`?service_request_id=PA00-900100,${wasteCode}`)).toEqual([wasteCode, 'PA00-900100']);
    expect(await codes('?service_code=FLOOD&page_size=1')).toEqual(['PA00-900020']);
    expect(await codes('?service_code=FLOOD&page_size=1&page=2')).toEqual(['PA00-900030']);

    const { root } = await getBoth(system, '/open311/v2/requests', '?service_code=FLOOD');
    expect(root.children.map((item) => item.name)).toEqual(['request', 'request']);

    for (const [query, mention] of [
      [`?start_date=${iso(150)}&end_date=${iso(10)}`, '90 days'],
      [`?start_date=${iso(10)}&end_date=${iso(20)}`, 'after'],
      ['?start_date=yesterday', 'start_date'],
      ['?status=pending', 'status'],
      ['?page_size=5000', 'page_size'],
      ['?page=0', 'page'],
    ]) {
      const reply = await call(system, 'GET', `/open311/v2/requests.xml${query}`);
      expect(reply.status, query).toBe(400);
      expect(expectOpen311Errors(reply.body, 400).join(' ')).toContain(mention);
    }
    const all = (await call(system, 'GET', '/open311/v2/requests.json?page_size=1000')).body;
    expect(JSON.stringify(all)).not.toMatch(/0987|0912|binh@|Nguyễn/);
  });
});

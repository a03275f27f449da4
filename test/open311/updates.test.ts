// mySociety's servicerequestupdates: the public steps of a report's process (as the real
// workflow writes them when a unit acts) and the reporter's comments posted by the partner that
// submitted the report; XML and JSON; no personal data; refusals in the spec's format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAccessToken } from '../../api/auth';
import { call, eventually, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { expectOpen311Errors, getBoth, issueKey, postForm } from './support';

let system: TestSystem;
let apiKey: string;
let otherKey: string;
const startedAt = new Date(Date.now() - 60_000).toISOString();
beforeAll(async () => {
  system = await startTestSystem();
  apiKey = (await issueKey(system, 'fixmystreet-vn')).key;
  otherKey = (await issueKey(system, 'another-app')).key;
});
afterAll(async () => system?.stop());

async function submitRouted(description = 'Rác thải tồn đọng trước chợ Bến Thành nhiều ngày nay.'): Promise<string> {
  const reply = await postForm(system, '/open311/v2/requests.json', {
    api_key: apiKey,
    service_code: 'WASTE',
    description,
    'attribute[WARD]': 'P-BENTHANH',
    phone: '0912345678',
  });
  expect(reply.status).toBe(201);
  const code = reply.body[0].service_request_id as string;
  await eventually(
    async () =>
      (await system.pool.query("SELECT status FROM reports WHERE code = $1 AND status = 'assigned'", [code])).rows[0],
  );
  return code;
}

const updatesOf = async (code: string, query = `?start_date=${encodeURIComponent(startedAt)}`) =>
  (await call(system, 'GET', `/open311/v2/servicerequestupdates.json${query}`)).body.filter(
    (update: { service_request_id: string }) => update.service_request_id === code,
  );

describe('Open311 servicerequestupdates', () => {
  it("when the unit accepts, posts progress and resolves, then each public step is an update with mySociety's states, masked", async () => {
    const code = await submitRouted();
    const staff = await staffToken(system, 'unit_staff', 'P-BENTHANH');
    expect((await call(system, 'POST', `/api/v1/tasks/${code}/accept`, { token: staff, body: {} })).status).toBe(200);
    expect(
      (
        await call(system, 'POST', `/api/v1/tasks/${code}/progress`, {
          token: staff,
          body: { note: 'Đã gọi cho người dân số 0912 345 678 để xác minh.' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(system, 'POST', `/api/v1/tasks/${code}/resolve`, {
          token: staff,
          body: { result: 'Đã thu gom toàn bộ rác.', media: ['https://img.example.com/sach.jpg'] },
        })
      ).status,
    ).toBe(200);

    const updates = await updatesOf(code);
    expect(updates.map((update: { status: string }) => update.status)).toEqual([
      'open',
      'in_progress',
      'in_progress',
      'fixed',
    ]);
    expect(updates[0].description).toBe('Đã chuyển Ủy ban nhân dân phường Bến Thành xử lý.');
    expect(updates[2].description).toBe('Đã gọi cho người dân số [phone] để xác minh.');
    expect(updates[3]).toMatchObject({
      description: 'Đã thu gom toàn bộ rác.',
      media_url: 'https://img.example.com/sach.jpg',
      updated_datetime: expect.stringMatching(/\+07:00$/),
    });
    expect(new Set(updates.map((update: { update_id: string }) => update.update_id)).size).toBe(4);
    expect(JSON.stringify(updates)).not.toMatch(/0912|\+8491/);

    const { root } = await getBoth(
      system,
      '/open311/v2/servicerequestupdates',
      `?start_date=${encodeURIComponent(startedAt)}`,
    );
    expect(root.name).toBe('service_request_updates');
    expect(new Set(root.children.map((item) => item.name))).toEqual(new Set(['request_update']));
    const english = await updatesOf(code, `?start_date=${encodeURIComponent(startedAt)}&locale=en`);
    expect(english[0].description).toBe("Assigned to People's Committee of Ben Thanh Ward.");
  });

  it("when the submitting partner posts the reporter's comment, then it is stored once per update_id and appears in the feed", async () => {
    const code = await submitRouted();
    const fields = {
      api_key: apiKey,
      service_request_id: code,
      update_id: 'fms-7',
      status: 'OPEN',
      description: 'Rác lại bị đổ thêm tối qua, email tôi: an@example.com',
      media_url: 'https://img.example.com/them.jpg',
      email: 'an@example.com',
      first_name: 'An',
    };
    const posted = await postForm(system, '/open311/v2/servicerequestupdates.xml', fields);
    expect(posted.status).toBe(201);
    const again = await postForm(system, '/open311/v2/servicerequestupdates.json', fields);
    expect(again.status).toBe(201);
    const updateId = again.body[0].update_id;
    expect(posted.body).toContain(`<update_id>${updateId}</update_id>`);
    expect(
      (await system.pool.query('SELECT count(*)::int AS n FROM open311_comments WHERE external_id = $1', ['fms-7']))
        .rows[0].n,
    ).toBe(1);

    const comment = (await updatesOf(code)).find((update: { update_id: string }) => update.update_id === updateId);
    expect(comment).toEqual({
      update_id: updateId,
      service_request_id: code,
      status: 'open',
      updated_datetime: expect.stringMatching(/\+07:00$/),
      description: 'Rác lại bị đổ thêm tối qua, email tôi: [email]',
      media_url: 'https://img.example.com/them.jpg',
    });
  });

  it("when another partner, an unknown request, a closed one or bad fields are posted, then the spec's errors", async () => {
    const code = await submitRouted();
    const post = (fields: Record<string, string>) =>
      postForm(system, '/open311/v2/servicerequestupdates.xml', {
        api_key: apiKey,
        service_request_id: code,
        description: 'Vẫn chưa xử lý.',
        ...fields,
      });
    const cases: [Record<string, string>, number, string][] = [
      [{ api_key: otherKey }, 403, 'partner'],
      [{ service_request_id: 'PA00-000000' }, 404, 'PA00-000000'],
      [{ service_request_id: '' }, 400, 'service_request_id'],
      [{ description: '' }, 400, 'description'],
      [{ status: 'DONE' }, 400, 'status'],
      [{ media_url: 'ftp://x/y.jpg' }, 400, 'media_url'],
    ];
    for (const [fields, status, mention] of cases) {
      const reply = await post(fields);
      expect(reply.status, mention).toBe(status);
      expect(expectOpen311Errors(reply.body, status).join(' '), mention).toContain(mention);
    }
    const web = await call(system, 'POST', '/api/v1/reports', {
      body: {
        categoryCode: 'WASTE',
        description: 'Rác thải tồn đọng ở góc đường.',
        location: { wardCode: 'P-SAIGON' },
      },
    });
    expect((await post({ service_request_id: web.body.code })).status).toBe(403);

    const id = (await system.pool.query('SELECT id FROM reports WHERE code = $1', [code])).rows[0].id;
    const withdrawn = await call(system, 'POST', `/api/v1/reports/${code}/withdraw`, {
      reportToken: reportAccessToken(system.config.jwtSecret, id),
      body: {},
    });
    expect(withdrawn.status).toBe(200);
    const closed = await post({});
    expect(closed.status).toBe(400);
    expect(expectOpen311Errors(closed.body, 400)[0]).toContain('closed');
    expect((await updatesOf(code)).at(-1)).toMatchObject({
      status: 'closed',
      description: 'Người phản ánh đã rút phản ánh.',
    });
    expect(
      (await system.pool.query('SELECT count(*)::int AS n FROM open311_comments WHERE report_id = $1', [id])).rows[0].n,
    ).toBe(0);
  });

  it('when the window spans more than 90 days, then 400; without dates, the last 90 days', async () => {
    const reply = await call(
      system,
      'GET',
      '/open311/v2/servicerequestupdates.xml?start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z',
    );
    expect(reply.status).toBe(400);
    expect(expectOpen311Errors(reply.body, 400)[0]).toContain('90 days');
    const recent = await call(system, 'GET', '/open311/v2/servicerequestupdates.json');
    expect(recent.status).toBe(200);
    expect(recent.body.length).toBeGreaterThan(0);
    const old = await call(
      system,
      'GET',
      '/open311/v2/servicerequestupdates.json?start_date=2025-01-01&end_date=2025-02-01',
    );
    expect(old.body).toEqual([]);
  });
});

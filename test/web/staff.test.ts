// Staff pages through the real stack: sign-in, sign-out and refusals; a unit accepts (in bulk) and
// resolves from its inbox, and resolves from a reply template the citizen then reads; a coordinator assigns from triage and refuses an extension; a hotline
// operator files for a caller, who rates from the SMS link.
import { describe, expect, it } from 'vitest';
import { resolvedOnTheWay, smsTo } from './fixtures';
import { accepted, submitRouted, triaged, withExtensionPending } from '../support/reports';
import { call, eventually, staffToken } from '../support/system';
import { checkPage, desktop, expectClean, openContext, phone, systemAndBrowser, signIn } from './browser';

const env = systemAndBrowser();

describe('staff pages', () => {
  it('when staff sign in and out, then pages open and close to them; a wrong password, a forged form and another role are refused', async () => {
    const watched = await openContext(env.browser, desktop);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/staff/inbox`);
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
    await checkPage(page);
    await page.getByLabel('Tên đăng nhập').fill('staff-1');
    await page.getByLabel('Mật khẩu').fill('wrong');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('không đúng');
    await checkPage(page);

    await signIn(page, env.system.baseUrl, 'staff-1');
    expect(new URL(page.url()).pathname).toBe('/staff/inbox');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Việc của đơn vị');
    const cookies = await watched.context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'pakn_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');

    // A form posted without the page's CSRF token is refused, even with the session.
    const forged = await watched.context.request.post(`${env.system.baseUrl}/staff/inbox/accept`, {
      form: { code: 'X' },
    });
    expect(forged.status()).toBe(403);
    // Unit staff are not coordinators.
    const triage = await page.goto(`${env.system.baseUrl}/staff/triage`);
    expect(triage!.status()).toBe(403);
    await checkPage(page);

    await page.goto(`${env.system.baseUrl}/staff/inbox`);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/staff/sign-in?signedOut=1');
    await page.goto(`${env.system.baseUrl}/staff/inbox`);
    expect(new URL(page.url()).pathname).toBe('/staff/sign-in');
    expectClean(watched);
    await watched.context.close();
  });

  it('when a unit accepts from its inbox and resolves on the task page, then the report is resolved with that result', async () => {
    const made = await submitRouted(env.system);
    const watched = await openContext(env.browser, desktop);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'staff-1');
    await page.getByLabel('Tìm theo nội dung').fill(made.code);
    await page.getByRole('button', { name: 'Lọc' }).click();
    expect(await page.getByRole('link', { name: made.code }).count()).toBe(1);
    expect(await page.getByText(/còn \d+ (ngày|giờ) làm việc/).count()).toBeGreaterThan(0);
    await checkPage(page);
    await page.getByLabel(`Chọn ${made.code}`).check();
    await page.getByRole('button', { name: 'Nhận xử lý các việc đã chọn' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Đã nhận xử lý 1 việc');

    await page.getByRole('link', { name: made.code }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(made.code);
    await checkPage(page);
    // An empty result is refused by the API's schema, shown as an error summary.
    await page.getByRole('button', { name: 'Công khai kết quả' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Có lỗi cần sửa');
    await checkPage(page);
    await page.getByLabel('Kết quả xử lý').fill('Đã thu gom rác và vệ sinh vỉa hè.');
    await page.getByRole('button', { name: 'Công khai kết quả' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Đã công khai kết quả');
    const view = (await call(env.system, 'GET', `/api/v1/reports/${made.code}`)).body;
    expect(view.status).toBe('resolved');
    expect(view.result).toBe('Đã thu gom rác và vệ sinh vỉa hè.');
    expectClean(watched);
    await watched.context.close();
  });

  it('when unit staff resolve from a reply template and edit it, then the citizen tracking the report reads that text', async () => {
    const made = await accepted(env.system);
    const watched = await openContext(env.browser, desktop);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'staff-1');
    await page.goto(`${env.system.baseUrl}/staff/tasks/${made.code}`);
    // "Dùng mẫu" without a choice names the select; it works without JavaScript (a form post).
    await page.getByRole('button', { name: 'Dùng mẫu' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Vui lòng chọn mẫu trả lời');
    await checkPage(page);
    await page.getByLabel('Mẫu trả lời').selectOption({ label: 'Đã thu gom rác, vệ sinh khu vực' });
    await page.getByRole('button', { name: 'Dùng mẫu' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Đã điền mẫu “Đã thu gom rác, vệ sinh khu vực”');
    await checkPage(page);
    const filled = await page.getByLabel('Kết quả xử lý').inputValue();
    expect(filled).toContain(`trả lời phản ánh ${made.code} tiếp nhận ngày`);
    expect(filled).toContain('tại 12 Lê Lợi');
    expect(filled).not.toContain('{{');
    const result = `${filled} Đơn vị đã đặt thêm thùng rác tại đầu hẻm.`;
    await page.getByLabel('Kết quả xử lý').fill(result);
    await page.getByRole('button', { name: 'Công khai kết quả' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Đã công khai kết quả');
    expect(await page.getByText('Trả lời theo mẫu Đã thu gom rác, vệ sinh khu vực').count()).toBeGreaterThan(0);
    await checkPage(page);
    const { rows } = await env.system.pool.query(
      `SELECT template_code, template_version, staff_id FROM reply_template_uses u JOIN reports r ON r.id = u.report_id WHERE r.code = $1`,
      [made.code],
    );
    expect(rows).toEqual([{ template_code: 'WASTE-COLLECTED', template_version: 1, staff_id: 'staff-1' }]);

    const citizen = await openContext(env.browser, phone);
    await citizen.page.goto(`${env.system.baseUrl}/track?code=${made.code}`);
    expect(await citizen.page.locator('.result-text').textContent()).toBe(result);
    await checkPage(citizen.page);
    expectClean(watched);
    expectClean(citizen);
    await watched.context.close();
    await citizen.context.close();
  });

  it('when a coordinator assigns from triage and refuses an extension, then the report goes to that unit and the deadline stays', async () => {
    const [waiting, extending] = await Promise.all([triaged(env.system), withExtensionPending(env.system)]);
    expect(waiting.view.status).toBe('triage');
    const watched = await openContext(env.browser, desktop);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'coord-1');
    expect(new URL(page.url()).pathname).toBe('/staff/triage');
    await checkPage(page);
    await page.getByLabel(`Giao cho đơn vị ${waiting.code}`).selectOption('P-SAIGON');
    await page.getByRole('button', { name: `Giao ${waiting.code}` }).click();
    expect(await page.getByRole('status').textContent()).toContain(waiting.code);
    expect((await call(env.system, 'GET', `/api/v1/reports/${waiting.code}`)).body.unit.code).toBe('P-SAIGON');

    await page.getByRole('link', { name: extending.code }).click();
    await checkPage(page);
    await page.getByLabel(/Lý do \(bắt buộc khi không đồng ý\)/).fill('Chưa đủ căn cứ để gia hạn');
    await page.getByRole('button', { name: 'Không đồng ý' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Đã ghi nhận quyết định');
    const token = await staffToken(env.system, 'coordinator', 'HCM-TT1022');
    const task = (await call(env.system, 'GET', `/api/v1/tasks/${extending.code}`, { token })).body;
    expect(task.extensionPending).toBe(false);
    expect(task.deadlineAt).toBe(extending.deadlineAt);
    expect(task.timeline.map((entry: { type: string }) => entry.type)).toContain('extension_refused');
    expectClean(watched);
    await watched.context.close();
  });

  it('when an operator files for a caller, then the caller gets the SMS link and rates from it', async () => {
    const operator = await openContext(env.browser, desktop);
    await signIn(operator.page, env.system.baseUrl, 'op-1');
    const { page } = operator;
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tiếp nhận phản ánh qua điện thoại');
    await checkPage(page);
    await page.getByLabel('Số điện thoại người gọi').fill('0987654321');
    await page.getByLabel('Họ và tên').fill('Trần Thị Bình');
    await page.getByLabel('Lĩnh vực phản ánh').selectOption('WASTE');
    await page.getByLabel('Nội dung phản ánh').fill('Người gọi báo rác tồn đọng ở đầu hẻm 45 đã một tuần.');
    await page.getByLabel('Phường, xã, đặc khu').selectOption('P-SAIGON');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const notice = await page.getByRole('status').textContent();
    const code = /PA\d\d-\d{6}/.exec(notice!)![0];
    const stored = await env.system.pool.query('SELECT channel FROM reports WHERE code = $1', [code]);
    expect(stored.rows[0].channel).toBe('hotline');
    const events = await env.system.pool.query(
      `SELECT actor_id, actor_role FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.code = $1 AND e.seq = 0`,
      [code],
    );
    expect(events.rows[0]).toEqual({ actor_id: 'op-1', actor_role: 'operator' });

    const link = /(http\S+\/t\/\S+)/.exec(await smsTo(env.system, '+84987654321', 'report_ack'))![1];
    await resolvedOnTheWay(env.system, code);
    const caller = await openContext(env.browser, phone);
    await caller.page.goto(link.replace(/^http:\/\/localhost:\d+/, env.system.baseUrl));
    await checkPage(caller.page);
    await caller.page.getByLabel('5 – Rất hài lòng').check();
    await caller.page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    expect(await caller.page.getByRole('status').textContent()).toContain('Cảm ơn');
    await eventually(
      async () => (await call(env.system, 'GET', `/api/v1/reports/${code}`)).body.rating === 5,
      30_000,
      'rated',
    );
    expectClean(operator);
    expectClean(caller);
    await operator.context.close();
    await caller.context.close();
  });
});

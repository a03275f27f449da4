// Citizens' pages through the real stack: a citizen files a report on a phone-sized screen, gets
// the SMS link, and later rates the result from it; the form's errors and the tracking page.
import { describe, expect, it } from 'vitest';
import { call, eventually } from '../support/system';
import { checkPage, expectClean, openContext, phone, systemAndBrowser } from './browser';
import { resolvedOnTheWay, smsTo } from './fixtures';

const env = systemAndBrowser();

describe('citizen pages', () => {
  it('when a citizen files a report on a phone and rates the result from the SMS link, then the report is closed with the rating', async () => {
    const watched = await openContext(env.browser, phone);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Phản ánh');
    await checkPage(page);

    await page.getByRole('link', { name: 'Gửi phản ánh' }).first().click();
    await page.waitForURL('**/report/new');
    await checkPage(page);

    // Sent empty: the error summary names the fields, and its links lead to them.
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('Có lỗi cần sửa');
    // In plain words, and a summary link moves focus to its field.
    expect(await summary.textContent()).toContain('Vui lòng chọn lĩnh vực phản ánh');
    expect(await summary.textContent()).toContain('Vui lòng nhập nội dung phản ánh');
    await summary.getByRole('link', { name: 'Vui lòng nhập nội dung phản ánh' }).click();
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.id)).toBe('f-description');
    await checkPage(page);

    await page.getByLabel('Lĩnh vực phản ánh').selectOption('WASTE');
    expect(await page.locator('#category-promise').textContent()).toMatch(/ngày làm việc/);
    await page.getByLabel('Nội dung phản ánh').fill('Rác thải tồn đọng trên vỉa hè trước số 12 Lê Lợi nhiều ngày.');
    await page.getByLabel('Phường, xã, đặc khu').selectOption('P-SAIGON');
    await page.getByLabel('Địa chỉ').fill('12 Lê Lợi');
    await page.getByLabel('Số điện thoại di động').fill('0912345678');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForURL(/\/t\/PA\d\d-\d{6}\/[\w-]{12}\?sent=1$/);
    const code = (await page.locator('.panel__code').textContent())!.trim();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Đã tiếp nhận phản ánh');
    await checkPage(page);

    // The acknowledgement SMS carries the tracking link with the reporter's key.
    const ack = await smsTo(env.system, '+84912345678', 'report_ack');
    const link = /(http\S+\/t\/\S+)/.exec(ack)![1];
    expect(link).toMatch(new RegExp(`/t/${code}/[\\w-]{12}$`));
    expect(ack.length).toBeLessThanOrEqual(160);

    // The unit resolves it (tested on its own pages in staff.test.ts).
    await resolvedOnTheWay(env.system, code);

    // Later, from the SMS link (same host as the test server), the reporter rates.
    await page.goto(link.replace(/^http:\/\/localhost:\d+/, env.system.baseUrl));
    expect(await page.getByText('Đã thu gom toàn bộ rác.').count()).toBeGreaterThan(0);
    await checkPage(page);
    await page.getByLabel('4 – Hài lòng').check();
    await page.getByLabel('Ý kiến thêm').fill('Cảm ơn phường.');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Cảm ơn');
    const view = await eventually(
      async () => {
        const current = await call(env.system, 'GET', `/api/v1/reports/${code}`);
        return current.body.rating === 4 && current.body;
      },
      30_000,
      'rating recorded',
    );
    expect(view.status).toBe('closed');
    await checkPage(page);
    expectClean(watched);
    await watched.context.close();
  });

  it('when someone opens the tracking page without the key, then they see the public view and no reporter actions; a wrong key is refused', async () => {
    const watched = await openContext(env.browser, phone);
    const { page } = watched;
    const submitted = await call(env.system, 'POST', '/api/v1/reports', {
      body: {
        categoryCode: 'WASTE',
        description: 'Rác thải ở góc đường đã lâu.',
        location: { address: '1 Nguyễn Huệ' },
      },
    });
    await page.goto(`${env.system.baseUrl}/track?code=${submitted.body.code}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(submitted.body.code);
    expect(await page.getByRole('button', { name: 'Rút phản ánh' }).count()).toBe(0);
    await checkPage(page);
    const wrong = await page.goto(`${env.system.baseUrl}/t/${submitted.body.code}/AAAAAAAAAAAA`);
    expect(wrong!.status()).toBe(403);
    await checkPage(page);
    await page.goto(`${env.system.baseUrl}/track?code=PA00-000000`);
    expect(await page.getByRole('alert').textContent()).toContain('Không tìm thấy');
    await checkPage(page);
    // English by the switch, remembered.
    await page.getByRole('link', { name: 'English' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Track a report');
    await page.goto(`${env.system.baseUrl}/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tell the city about a problem');
    expectClean(watched);
    await watched.context.close();
  });

  it('when a form is posted without its CSRF token, then it is refused', async () => {
    const reply = await fetch(`${env.system.baseUrl}/report/new`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'categoryCode=WASTE&description=Rac+thai+ton+dong+lau+ngay',
    });
    expect(reply.status).toBe(403);
    expect(await reply.text()).toContain('Biểu mẫu đã hết hạn');
  });
});

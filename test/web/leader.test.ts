// Leaders' pages through the real stack: the dashboard of their scope, and a directive whose
// reach is counted before it is sent and which then reaches the reports.
import { describe, expect, it } from 'vitest';
import { submitRouted } from '../support/reports';
import { call, eventually, staffToken } from '../support/system';
import { checkPage, desktop, expectClean, openContext, systemAndBrowser } from './browser';

const env = systemAndBrowser();

describe('leader pages', () => {
  it('when a leader reads the dashboard and issues a directive on a unit’s open reports, then it reaches exactly those reports', async () => {
    const reports = [await submitRouted(env.system), await submitRouted(env.system)];
    const watched = await openContext(env.browser, desktop);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/staff/sign-in`);
    await page.getByLabel('Tên đăng nhập').fill('leader-2');
    await page.getByLabel('Mật khẩu').fill('pakn-demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/dashboard');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bảng điều hành');
    const totals = page.getByRole('list', { name: 'Số liệu chung' });
    expect(await totals.getByRole('listitem').first().textContent()).toMatch(/^\s*2\s*Tiếp nhận/);
    expect(await page.locator('#trend-chart canvas').count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Theo đơn vị xử lý' }).getByRole('row').count()).toBeGreaterThan(1);
    await checkPage(page);

    await page.getByRole('link', { name: 'Ban hành chỉ đạo' }).click();
    await checkPage(page);
    await page.getByLabel('Mã đơn vị').fill('P-SAIGON');
    await page.getByLabel('Nội dung chỉ đạo').fill('Xử lý dứt điểm rác tồn đọng trong ngày.');
    await page.getByRole('button', { name: 'Xem số phản ánh sẽ nhận chỉ đạo' }).click();
    expect(await page.getByRole('status').textContent()).toContain('sẽ đến 2 phản ánh');
    await checkPage(page);
    await page.getByRole('button', { name: 'Gửi chỉ đạo' }).click();
    await page.waitForURL(/\/dashboard\/directives\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Theo dõi chỉ đạo');
    await checkPage(page);

    const token = await staffToken(env.system, 'unit_staff', 'P-SAIGON');
    for (const report of reports) {
      await eventually(
        async () =>
          (await call(env.system, 'GET', `/api/v1/tasks/${report.code}`, { token })).body.timeline.some(
            (entry: { type: string }) => entry.type === 'directive',
          ),
        30_000,
        `directive reached ${report.code}`,
      );
    }
    expectClean(watched);
    await watched.context.close();
  });
});

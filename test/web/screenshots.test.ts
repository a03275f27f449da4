// Screenshots of the main pages in Vietnamese for docs/screenshots/ (shown in the README). Runs
// only when asked: PAKN_SCREENSHOTS=1 npx vitest run test/web/screenshots.test.ts
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitRouted, triaged, withExtensionPending } from '../support/reports';
import { startTestSystem, type TestSystem } from '../support/system';
import { desktop, launchBrowser, openContext, phone } from './browser';
import { resolvedOnTheWay } from './fixtures';

const wanted = process.env.PAKN_SCREENSHOTS === '1';
const folder = path.join(__dirname, '../../docs/screenshots');
let system: TestSystem;
let browser: Browser;

beforeAll(async () => {
  if (!wanted) return;
  mkdirSync(folder, { recursive: true });
  [system, browser] = await Promise.all([startTestSystem(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${system.baseUrl}/staff/sign-in`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill('pakn-demo');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/staff/sign-in'));
}

describe.skipIf(!wanted)('screenshots', () => {
  it('when asked, then the main pages are photographed in Vietnamese', { timeout: 180_000 }, async () => {
    const done = await submitRouted(system);
    await resolvedOnTheWay(system, done.code);
    await Promise.all([submitRouted(system), triaged(system), withExtensionPending(system)]);

    const citizen = await openContext(browser, phone);
    await citizen.page.goto(`${system.baseUrl}/`);
    await shoot(citizen.page, '01-home');
    await citizen.page.goto(`${system.baseUrl}/report/new`);
    await citizen.page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await shoot(citizen.page, '02-report-form-errors');
    await citizen.page.getByLabel('Lĩnh vực phản ánh').selectOption('FLOOD');
    await citizen.page.getByLabel('Nội dung phản ánh').fill('Đường ngập sâu 40 cm sau mưa, xe máy chết máy hàng loạt.');
    await citizen.page.getByLabel('Phường, xã, đặc khu').selectOption('P-SAIGON');
    await citizen.page.getByLabel('Địa chỉ').fill('Ngã tư Nguyễn Hữu Cảnh – Tôn Đức Thắng');
    await citizen.page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await citizen.page.waitForURL(/sent=1/);
    await shoot(citizen.page, '03-confirmation');

    const staff = await openContext(browser, desktop);
    await signIn(staff.page, 'staff-1');
    await shoot(staff.page, '04-unit-inbox');
    await staff.page.goto(`${system.baseUrl}/staff/tasks/${done.code}`);
    await shoot(staff.page, '05-task');
    await staff.context.close();

    const coordinator = await openContext(browser, desktop);
    await signIn(coordinator.page, 'coord-1');
    await shoot(coordinator.page, '06-triage');
    await coordinator.context.close();

    const leader = await openContext(browser, desktop);
    await signIn(leader.page, 'leader-1');
    await shoot(leader.page, '07-dashboard');
    await leader.page.goto(`${system.baseUrl}/dashboard/directives/new`);
    await shoot(leader.page, '08-directive');
    await leader.context.close();
    await citizen.context.close();
    expect(citizen.consoleErrors).toEqual([]);
  });
});

// Screenshots of the main pages in Vietnamese for docs/screenshots/ (shown in the README). Runs
// only when asked: PAKN_SCREENSHOTS=1 npx vitest run test/web/screenshots.test.ts
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { submitRouted, triaged, withExtensionPending } from '../support/reports';
import { call } from '../support/system';
import { photoForm } from '../support/photos';
import { desktop, openContext, phone, systemAndBrowser, signIn } from './browser';
import { resolvedOnTheWay } from './fixtures';

const wanted = process.env.PAKN_SCREENSHOTS === '1';
const folder = path.join(__dirname, '../../docs/screenshots');
const env = systemAndBrowser(() => {
  if (!wanted) return null;
  mkdirSync(folder, { recursive: true });
  return {};
});

const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(folder, `${name}.png`), fullPage: true });

/** A street drawn as a photo would show it (no text, so no font is needed): rubbish and dirty water before, clean after. */
function streetPhoto(flooded: boolean): Promise<Buffer> {
  const ground = flooded
    ? '<rect y="250" width="640" height="230" fill="#6d7f78"/><path d="M0 300 Q160 285 320 300 T640 300 V480 H0Z" fill="#8a7a5a" opacity="0.85"/><path d="M40 350 q30 -8 60 0 M300 390 q40 -10 80 0 M480 340 q30 -8 60 0" stroke="#c9c2a8" stroke-width="4" fill="none"/><g fill="#23282b"><ellipse cx="90" cy="275" rx="46" ry="30"/><ellipse cx="150" cy="285" rx="38" ry="26"/><ellipse cx="118" cy="255" rx="30" ry="22"/></g><g fill="#3f6f3a"><ellipse cx="190" cy="282" rx="24" ry="18"/></g><g fill="#b03a2e"><rect x="60" y="300" width="26" height="14" transform="rotate(-15 73 307)"/></g>'
    : '<rect y="250" width="640" height="230" fill="#55595c"/><path d="M0 360 H640" stroke="#e8e8e0" stroke-width="6" stroke-dasharray="40 30"/><rect y="250" width="640" height="22" fill="#9a9a92"/>';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="250" fill="${flooded ? '#9fb0bd' : '#8ec5ea'}"/>
    <rect x="20" y="90" width="150" height="170" fill="#d9b38c"/><rect x="190" y="40" width="120" height="220" fill="#c4c9cf"/>
    <rect x="330" y="110" width="170" height="150" fill="#e3d3a8"/><rect x="520" y="70" width="110" height="190" fill="#b79a84"/>
    <g fill="#3d5a73" opacity="0.8"><rect x="40" y="120" width="30" height="30"/><rect x="110" y="120" width="30" height="30"/>
    <rect x="210" y="70" width="30" height="30"/><rect x="260" y="70" width="30" height="30"/><rect x="360" y="140" width="40" height="30"/>
    <rect x="430" y="140" width="40" height="30"/><rect x="545" y="100" width="25" height="30"/><rect x="590" y="100" width="25" height="30"/></g>
    ${ground}
    <rect x="600" y="150" width="8" height="130" fill="#2f3a40"/><circle cx="604" cy="148" r="12" fill="#f2d24b"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** A public photo uploaded as a citizen's phone or a unit's app would; its link goes in `media`. */
async function uploadedPhoto(photo: Buffer, name: string): Promise<string> {
  const reply = await call(env.system, 'POST', '/api/v1/photos', {
    form: photoForm([{ data: photo, name, type: 'image/jpeg' }]),
  });
  expect(reply.status).toBe(201);
  return reply.body.items[0].url;
}

describe.skipIf(!wanted)('screenshots', () => {
  it('when asked, then the main pages are photographed in Vietnamese', { timeout: 180_000 }, async () => {
    const done = await submitRouted(env.system);
    await resolvedOnTheWay(env.system, done.code);
    await Promise.all([submitRouted(env.system), triaged(env.system), withExtensionPending(env.system)]);
    const withPhotos = await submitRouted(env.system, {
      categoryCode: 'WASTE',
      description: 'Rác thải dồn đống trên lề đường sau mưa, nước bẩn tràn ra mặt đường trước chợ.',
      location: { wardCode: 'P-SAIGON', address: '45 Lê Thánh Tôn' },
      media: [await uploadedPhoto(await streetPhoto(true), 'ngap.jpg')],
    });
    const after = await uploadedPhoto(await streetPhoto(false), 'da-xu-ly.jpg');
    await resolvedOnTheWay(env.system, withPhotos.code, 'Đã thu gom toàn bộ rác và rửa sạch mặt đường.', [after]);

    const citizen = await openContext(env.browser, phone);
    await citizen.page.goto(`${env.system.baseUrl}/`);
    await shoot(citizen.page, '01-home');
    await citizen.page.goto(`${env.system.baseUrl}/report/new`);
    await citizen.page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await shoot(citizen.page, '02-report-form-errors');
    await citizen.page.getByLabel('Lĩnh vực phản ánh').selectOption('FLOOD');
    await citizen.page.getByLabel('Nội dung phản ánh').fill('Đường ngập sâu 40 cm sau mưa, xe máy chết máy hàng loạt.');
    await citizen.page.getByLabel('Phường, xã, đặc khu').selectOption('P-SAIGON');
    await citizen.page.getByLabel('Địa chỉ').fill('Ngã tư Nguyễn Hữu Cảnh – Tôn Đức Thắng');
    await citizen.page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await citizen.page.waitForURL(/sent=1/);
    await shoot(citizen.page, '03-confirmation');
    await citizen.page.goto(`${env.system.baseUrl}/t/${withPhotos.code}`);
    // Thumbnails load lazily: bring each into view, wait for all, and shoot from the top.
    for (const image of await citizen.page.getByRole('img', { name: 'Ảnh 1 (mở ảnh gốc)' }).all())
      await image.scrollIntoViewIfNeeded();
    await citizen.page.waitForFunction(() =>
      Array.from((globalThis as any).document.images as { complete: boolean; naturalWidth: number }[]).every(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    );
    await citizen.page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    await shoot(citizen.page, '09-tracking-photos');

    const staff = await openContext(env.browser, desktop);
    await signIn(staff.page, env.system.baseUrl, 'staff-1');
    await shoot(staff.page, '04-unit-inbox');
    await staff.page.goto(`${env.system.baseUrl}/staff/tasks/${done.code}`);
    await shoot(staff.page, '05-task');
    await staff.context.close();

    const coordinator = await openContext(env.browser, desktop);
    await signIn(coordinator.page, env.system.baseUrl, 'coord-1');
    await shoot(coordinator.page, '06-triage');
    await coordinator.context.close();

    const leader = await openContext(env.browser, desktop);
    await signIn(leader.page, env.system.baseUrl, 'leader-1');
    await shoot(leader.page, '07-dashboard');
    await leader.page.goto(`${env.system.baseUrl}/dashboard/directives/new`);
    await shoot(leader.page, '08-directive');
    await leader.context.close();
    await citizen.context.close();
    expect(citizen.consoleErrors).toEqual([]);
  });
});

// Photos on the pages through the real stack: a citizen on a phone files a report with a photo
// (refused files named in the error summary), the tracking page shows it without its GPS EXIF;
// a unit sees a private photo of its report on the task page and resolves with a photo.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { submitRouted } from '../support/reports';
import { call } from '../support/system';
import { gpsIfdPointer, noisyPng, phonePhoto } from '../support/photos';
import { checkPage, desktop, expectClean, openContext, phone, systemAndBrowser, signIn } from './browser';

const env = systemAndBrowser(() => ({ PHOTO_MAX_KB: '256', PHOTO_MAX_COUNT: '2' }));

const file = (name: string, mimeType: string, buffer: Buffer) => ({ name, mimeType, buffer });

/** Every image on the page, brought into view (thumbnails load lazily), has loaded: a broken one has no natural width. */
async function imagesLoaded(page: Page): Promise<boolean[]> {
  for (const image of await page.locator('img').all()) await image.scrollIntoViewIfNeeded();
  await page
    .waitForFunction(() =>
      Array.from((globalThis as any).document.images as { complete: boolean }[]).every((img) => img.complete),
    )
    .catch(() => undefined);
  return page.evaluate(() =>
    Array.from((globalThis as any).document.images as { complete: boolean; naturalWidth: number }[]).map(
      (img) => img.complete && img.naturalWidth > 0,
    ),
  );
}

describe('photos on the pages', () => {
  it('when a citizen on a phone files a report with a photo, then refused files are named and the tracking page shows the photo without EXIF', async () => {
    const watched = await openContext(env.browser, phone);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/report/new`);
    expect(await page.locator('form[data-report-form]').getAttribute('enctype')).toBe('multipart/form-data');
    expect(await page.getByText('tối đa 2 ảnh').count()).toBe(1);
    await checkPage(page);

    // A multipart form is read before its CSRF token is checked: without the page's token it is refused.
    const forged = await watched.context.request.post(`${env.system.baseUrl}/report/new`, {
      multipart: { _csrf: 'forged', description: 'x', photo: file('a.jpg', 'image/jpeg', await phonePhoto()) },
    });
    expect(forged.status()).toBe(403);

    await page.getByLabel('Lĩnh vực phản ánh').selectOption('WASTE');
    await page.getByLabel('Nội dung phản ánh').fill('Cây đổ chắn ngang đường trước số 5 Pasteur.');
    await page.getByLabel('Phường, xã, đặc khu').selectOption('P-SAIGON');
    await page.getByLabel('Số điện thoại di động').fill('0912345670');

    // Not an image, whatever its name says: named in the summary, linked to the file input, nothing stored.
    const photos = page.getByLabel(/^Ảnh chụp/);
    await photos.setInputFiles(file('cay.jpg', 'image/jpeg', Buffer.from('not really a photo')));
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('Chỉ nhận ảnh JPEG, PNG hoặc WebP');
    await summary.getByRole('link', { name: 'Chỉ nhận ảnh JPEG, PNG hoặc WebP' }).click();
    expect(await page.evaluate(() => (globalThis as any).document.activeElement.id)).toBe('f-photo');
    expect(await page.getByLabel('Nội dung phản ánh').inputValue()).toContain('Pasteur');
    await checkPage(page);

    // Too large, then too many: each named against the same input; the report fields are kept.
    await page.getByLabel(/^Ảnh chụp/).setInputFiles(file('big.png', 'image/png', await noisyPng()));
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Mỗi ảnh tối đa');
    expect(await page.getByLabel('Nội dung phản ánh').inputValue()).toContain('Pasteur');
    const jpeg = await phonePhoto();
    await page.getByLabel(/^Ảnh chụp/).setInputFiles([1, 2, 3].map((n) => file(`p${n}.jpg`, 'image/jpeg', jpeg)));
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('tối đa 2 ảnh');
    expect((await env.system.pool.query('SELECT count(*)::int AS n FROM photos')).rows[0].n).toBe(0);

    expect((await sharp(jpeg).metadata()).exif!.includes(gpsIfdPointer)).toBe(true);
    // A good photo with a refused report: the photo is kept for the next try, which needs no new file.
    const description = await page.getByLabel('Nội dung phản ánh').inputValue();
    await page.getByLabel('Nội dung phản ánh').fill('');
    await page.getByLabel(/^Ảnh chụp/).setInputFiles(file('cay.jpg', 'image/jpeg', jpeg));
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Vui lòng nhập nội dung phản ánh');
    expect(await page.getByText('Đã tải lên 1 ảnh').count()).toBe(1);
    await checkPage(page);
    await page.getByLabel('Nội dung phản ánh').fill(description);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForURL(/\/t\/PA\d\d-\d{6}\/[\w-]{12}\?sent=1$/);
    const code = (await page.locator('.panel__code').textContent())!.trim();
    const view = (await call(env.system, 'GET', `/api/v1/reports/${code}`)).body;
    expect(view.media).toHaveLength(1);
    expect(view.media[0]).toMatch(/\/media\/o[0-9a-f]{40}$/);

    const thumbnail = page.getByRole('img', { name: 'Ảnh 1 (mở ảnh gốc)' });
    await thumbnail.waitFor();
    expect(await imagesLoaded(page)).toEqual([true]);
    await checkPage(page);
    const href = (await page.getByRole('link', { name: 'Ảnh 1 (mở ảnh gốc)' }).getAttribute('href'))!;
    const served = await watched.context.request.get(`${env.system.baseUrl}${href}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/jpeg');
    const metadata = await sharp(await served.body()).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(metadata.width).toBe(300);
    expectClean(watched);
    await watched.context.close();
  });

  it('when a citizen keeps a photo private to staff, then it is stored private and not shown on the tracking page', async () => {
    const watched = await openContext(env.browser, phone);
    const { page } = watched;
    await page.goto(`${env.system.baseUrl}/report/new`);
    await page.getByLabel('Lĩnh vực phản ánh').selectOption('WASTE');
    await page.getByLabel('Nội dung phản ánh').fill('Bãi rác tự phát sau nhà số 9, ảnh có mặt người.');
    await page.getByLabel('Phường, xã, đặc khu').selectOption('P-SAIGON');
    await page
      .getByLabel(/^Ảnh chụp/)
      .setInputFiles(file('rieng.jpg', 'image/jpeg', await phonePhoto({ background: '#40407a' })));
    await page.getByLabel('Chỉ cho cán bộ xử lý xem ảnh').check();
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForURL(/\/t\/PA\d\d-\d{6}\/[\w-]{12}\?sent=1$/);
    const code = (await page.locator('.panel__code').textContent())!.trim();
    const stored = await env.system.pool.query('SELECT media FROM reports WHERE code = $1', [code]);
    expect(stored.rows[0].media).toHaveLength(1);
    expect(stored.rows[0].media[0]).toMatch(/\/media\/p[0-9a-f]{40}$/);
    expect(await imagesLoaded(page)).toEqual([]);
    expect((await call(env.system, 'GET', `/api/v1/reports/${code}`)).body.media).toEqual([]);
    expectClean(watched);
    await watched.context.close();
  });

  it('when a unit opens a task with a private photo and resolves it with a photo, then it sees the photo and the result shows the new one', async () => {
    const privateForm = new FormData();
    privateForm.append(
      'photo',
      new Blob([new Uint8Array(await phonePhoto({ background: '#7a2a40' }))], { type: 'image/jpeg' }),
      'a.jpg',
    );
    privateForm.append('private', 'true');
    const uploaded = await call(env.system, 'POST', '/api/v1/photos', { form: privateForm });
    expect(uploaded.status).toBe(201);
    const privateUrl: string = uploaded.body.items[0].url;
    const made = await submitRouted(env.system, {
      categoryCode: 'WASTE',
      description: 'Rác thải tồn đọng ở hẻm 7, có ảnh riêng cho cán bộ.',
      location: { wardCode: 'P-SAIGON', address: 'Hẻm 7 Lê Lợi' },
      media: [privateUrl],
    });
    // The public cannot open it, nor see it on the tracking page.
    expect((await call(env.system, 'GET', new URL(privateUrl).pathname)).status).toBe(401);
    expect(made.view.media).toEqual([]);

    const watched = await openContext(env.browser, desktop);
    const { page } = watched;
    await signIn(page, env.system.baseUrl, 'staff-1');
    await page.goto(`${env.system.baseUrl}/staff/tasks/${made.code}`);
    await page.getByRole('img', { name: 'Ảnh 1, chỉ cán bộ xem (mở ảnh gốc)' }).waitFor();
    expect(await imagesLoaded(page)).toEqual([true]);
    await checkPage(page);
    // Out of a session the page route sends a person to sign in.
    const anonymous = await fetch(`${env.system.baseUrl}/staff/media/${new URL(privateUrl).pathname.split('/')[2]}`, {
      redirect: 'manual',
    });
    expect(anonymous.status).toBe(303);

    await page.getByRole('button', { name: 'Nhận xử lý' }).first().click();
    await page.getByLabel('Kết quả xử lý').fill('Đã thu gom rác ở hẻm 7.');
    await page
      .getByLabel(/^Ảnh chụp/)
      .setInputFiles(file('xong.jpg', 'image/jpeg', await phonePhoto({ background: '#2a407a' })));
    await page.getByRole('button', { name: 'Công khai kết quả' }).click();
    expect(await page.getByRole('status').textContent()).toContain('Đã công khai kết quả');
    expect(await imagesLoaded(page)).toEqual([true, true]);
    await checkPage(page);

    const resolved = (await call(env.system, 'GET', `/api/v1/reports/${made.code}`)).body;
    expect(resolved.status).toBe('resolved');
    const step = resolved.timeline.find((entry: { details: { media?: string[] } }) => entry.details.media?.length);
    expect(step.details.media[0]).toMatch(/\/media\/o[0-9a-f]{40}$/);
    const uploader = await env.system.pool.query('SELECT uploaded_by FROM photos WHERE id = $1', [
      new URL(step.details.media[0]).pathname.split('/')[2],
    ]);
    expect(uploader.rows[0].uploaded_by).not.toBeNull();

    // The public tracking page shows the result's photo, not the private one.
    const citizen = await openContext(env.browser, phone);
    await citizen.page.goto(`${env.system.baseUrl}/t/${made.code}`);
    await citizen.page.getByRole('img', { name: 'Ảnh 1 (mở ảnh gốc)' }).waitFor();
    expect(await imagesLoaded(citizen.page)).toEqual([true]);
    await checkPage(citizen.page);
    expectClean(citizen);
    expectClean(watched);
    await citizen.context.close();
    await watched.context.close();
  });
});

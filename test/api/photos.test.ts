// Photos against the real system: upload over multipart (anonymous and staff), metadata removed
// (EXIF GPS and camera), real type checked by content, limits on size and count with nothing
// stored on refusal, serving with type and cache headers, private photos only for staff in scope,
// Open311 media_url for public photos only, and the directory store.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { readPhoto, storePhotos } from '../../usecases/photos';
import { call, staffToken, startTestSystem, type TestSystem } from '../support/system';
import { submitRouted } from '../support/reports';
import { gpsIfdPointer, noisyPng, phonePhoto, photoForm as form } from '../support/photos';

let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem({ PHOTO_MAX_KB: '256', PHOTO_MAX_COUNT: '3', PHOTO_THUMB_PIXELS: '120' });
});
afterAll(async () => system?.stop());

const smallPng = () =>
  sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } })
    .png()
    .toBuffer();

const upload = (body: FormData, token?: string) => call(system, 'POST', '/api/v1/photos', { form: body, token });
const pathOf = (url: string) => new URL(url).pathname;

async function fetchPhoto(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${system.baseUrl}${pathOf(url)}`, { headers });
  return { status: response.status, headers: response.headers, data: Buffer.from(await response.arrayBuffer()) };
}

async function storedCount(): Promise<number> {
  const { rows } = await system.pool.query<{ photos: number; blobs: number }>(
    'SELECT (SELECT count(*)::int FROM photos) AS photos, (SELECT count(*)::int FROM photo_blobs) AS blobs',
  );
  return rows[0].photos + rows[0].blobs;
}

describe('photo upload', () => {
  it('when a citizen uploads a phone photo with GPS EXIF, then it is stored upright with no metadata and served with cache headers', async () => {
    const original = await phonePhoto({ sideways: true });
    const before = await sharp(original).metadata();
    expect(before.exif!.includes(gpsIfdPointer)).toBe(true);
    expect(original.includes('PaknCam')).toBe(true);

    const reply = await upload(form([{ data: original, name: 'IMG_0001.jpg', type: 'image/jpeg' }]));
    expect(reply.status).toBe(201);
    const [photo] = reply.body.items;
    expect(photo).toMatchObject({ contentType: 'image/jpeg', width: 200, height: 300, private: false });
    expect(photo.id).toMatch(/^o[0-9a-f]{40}$/);
    expect(photo.url).toBe(`${system.config.publicUrl}/media/${photo.id}`);

    const served = await fetchPhoto(photo.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('etag')).toBe(`"${photo.id}"`);
    const after = await sharp(served.data).metadata();
    expect([after.width, after.height]).toEqual([200, 300]);
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(served.data.includes('PaknCam')).toBe(false);
    expect(served.data.includes('Exif')).toBe(false);

    const thumbnail = await fetchPhoto(photo.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    const thumb = await sharp(thumbnail.data).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(system.config.photoThumbPixels);
    expect(thumb.exif).toBeUndefined();

    // fetch adds "Cache-Control: no-cache" to a conditional request unless one is given, as a browser revalidating would not.
    const again = await fetchPhoto(photo.url, { 'if-none-match': `"${photo.id}"`, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
  });

  it('when a file is not really an image (whatever its name and declared type), then 415 names it and nothing is stored', async () => {
    const before = await storedCount();
    const fake = Buffer.from('<?php echo "not a photo"; ?>');
    const reply = await upload(
      form([
        { data: await smallPng(), name: 'ok.png', type: 'image/png' },
        { data: fake, name: 'photo.jpg', type: 'image/jpeg' },
      ]),
    );
    expect(reply.status).toBe(415);
    expect(reply.body.error.code).toBe('unsupported_photo_type');
    expect(reply.body.error.details).toEqual([{ field: 'photo.1', message: expect.any(String) }]);
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const gifReply = await upload(form([{ data: gif, name: 'a.png', type: 'image/png' }]));
    expect(gifReply.status).toBe(415);
    expect(gifReply.body.error.details[0].field).toBe('photo.0');
    expect(await storedCount()).toBe(before);
  });

  it('when a photo is too large, too many are sent, or none, then a clear 4xx names the field and nothing is stored', async () => {
    const before = await storedCount();
    const big = await noisyPng();
    expect(big.length).toBeGreaterThan(256 * 1024);
    const tooBig = await upload(form([{ data: big, name: 'big.png', type: 'image/png' }]));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toMatchObject({ code: 'photo_too_large', details: [{ field: 'photo' }] });

    const png = await smallPng();
    const four = Array.from({ length: 4 }, (_, i) => ({ data: png, name: `${i}.png`, type: 'image/png' }));
    const tooMany = await upload(form(four));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'too_many_photos', details: [{ field: 'photo' }] });

    const none = await upload(form([], { private: 'true' }));
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].field).toBe('photo');

    const wrongField = new FormData();
    wrongField.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'a.png');
    const misplaced = await upload(wrongField);
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.error.details[0].field).toBe('file');

    const broken = await call(system, 'POST', '/api/v1/photos', {
      raw: '--xyz\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n\r\n\xff\xd8',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'invalid_form', details: [{ field: 'body' }] });

    const json = await call(system, 'POST', '/api/v1/photos', { body: { photo: 'x' } });
    expect(json.status).toBe(415);
    expect(json.body.error.details[0].field).toBe('content-type');
    expect(await storedCount()).toBe(before);
  });
});

describe('photos on reports', () => {
  it('when a reporter keeps a photo private, then the public and Open311 never see it, and only its reporter and staff in scope get it', async () => {
    const uploaded = await upload(
      form([{ data: await phonePhoto({ sideways: true }), name: 'nha.jpg', type: 'image/jpeg' }], { private: 'true' }),
    );
    expect(uploaded.status).toBe(201);
    const secret = uploaded.body.items[0];
    expect(secret).toMatchObject({ private: true, id: expect.stringMatching(/^p/) });
    const open = (await upload(form([{ data: await smallPng(), name: 'street.png', type: 'image/png' }]))).body
      .items[0];

    const report = await submitRouted(system, {
      categoryCode: 'WASTE',
      description: 'Rác thải tồn đọng trên vỉa hè nhiều ngày, cần thu gom.',
      location: { wardCode: 'P-SAIGON', address: '12 Lê Lợi' },
      media: [pathOf(secret.url), open.url],
    });

    expect(report.view.media).toEqual([open.url]);
    expect(JSON.stringify(report.view)).not.toContain(secret.id);
    const own = await call(system, 'GET', `/api/v1/reports/${report.code}`, { reportToken: report.accessToken });
    expect(own.body.media).toEqual([secret.url, open.url]);
    const open311 = await call(system, 'GET', `/open311/v2/requests/${report.code}.json`);
    expect(open311.body[0].media_url).toBe(open.url);

    const anonymous = await fetchPhoto(secret.url);
    expect(anonymous.status).toBe(401);
    const wrongToken = await fetchPhoto(secret.url, { 'x-report-token': 'x'.repeat(43) });
    expect(wrongToken.status).toBe(401);
    const reporter = await fetchPhoto(secret.url, { 'x-report-token': report.accessToken });
    expect(reporter.status).toBe(200);
    expect(reporter.headers.get('cache-control')).toBe('private, max-age=300');
    const outsider = await fetchPhoto(secret.url, {
      authorization: `Bearer ${await staffToken(system, 'unit_staff', 'P-BENTHANH')}`,
    });
    expect(outsider.status).toBe(403);
    const handler = await fetchPhoto(secret.thumbnailUrl, {
      authorization: `Bearer ${await staffToken(system, 'unit_staff', 'P-SAIGON')}`,
    });
    expect(handler.status).toBe(200);
    expect(handler.headers.get('cache-control')).toBe('private, max-age=300');
    expect((await sharp(handler.data).metadata()).exif).toBeUndefined();
  });

  it('when only a private photo is attached, then Open311 shows no media_url', async () => {
    const secret = (
      await upload(form([{ data: await smallPng(), name: 'a.png', type: 'image/png' }], { private: 'true' }))
    ).body.items[0];
    const report = await submitRouted(system, {
      categoryCode: 'WASTE',
      description: 'Rác thải tồn đọng trước cổng chợ, cần thu gom.',
      location: { wardCode: 'P-SAIGON' },
      media: [secret.url],
    });
    const open311 = await call(system, 'GET', `/open311/v2/requests/${report.code}.json`);
    expect(open311.body[0].media_url).toBeNull();
  });

  it('when a report names a photo that was never uploaded, then 422 names the media entry', async () => {
    const reply = await call(system, 'POST', '/api/v1/reports', {
      body: {
        categoryCode: 'WASTE',
        description: 'Rác thải tồn đọng trên vỉa hè nhiều ngày.',
        location: { wardCode: 'P-SAIGON' },
        media: [`/media/o${'0'.repeat(40)}`],
      },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.details[0].field).toBe('media.0');
  });

  it('when staff resolve with a photo, then the result carries its link and Open311 updates show it', async () => {
    const token = await staffToken(system, 'unit_staff', 'P-SAIGON');
    const report = await submitRouted(system);
    const after = (await upload(form([{ data: await smallPng(), name: 'sach.png', type: 'image/png' }]), token)).body
      .items[0];
    const act = (action: string, body: unknown) =>
      call(system, 'POST', `/api/v1/tasks/${report.code}/${action}`, { token, body });
    expect((await act('accept', {})).status).toBe(200);
    const done = await act('resolve', { result: 'Đã thu gom sạch.', media: [after.url] });
    expect(done.status).toBe(200);
    const updates = await call(
      system,
      'GET',
      `/open311/v2/servicerequestupdates.json?service_request_id=${report.code}`,
    );
    expect(updates.body.map((update: { media_url: string | null }) => update.media_url)).toContain(after.url);
  });
});

describe('directory store', () => {
  it('when MEDIA_DIR is set, then photos are written there and read back', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'pakn-media-'));
    try {
      const deps = {
        pool: system.pool,
        temporal: system.client,
        logger: pino({ level: 'silent' }),
        config: loadConfig({ DATABASE_URL: system.config.databaseUrl, MEDIA_DIR: dir }),
      };
      const blobsBefore = (await system.pool.query('SELECT count(*)::int AS n FROM photo_blobs')).rows[0].n;
      const [photo] = await storePhotos(deps, [await phonePhoto({ sideways: true })], {
        private: false,
        uploader: null,
      });
      const files = (await readdir(dir, { recursive: true })).filter((name) => name.includes(photo.id));
      expect(files.sort()).toEqual([
        path.join(photo.id.slice(0, 3), photo.id),
        path.join(photo.id.slice(0, 3), `${photo.id}.thumb`),
      ]);
      expect((await system.pool.query('SELECT count(*)::int AS n FROM photo_blobs')).rows[0].n).toBe(blobsBefore);
      const { data } = await readPhoto(deps, photo.id, 'original', { staff: null });
      expect((await sharp(data).metadata()).exif).toBeUndefined();
      expect(data.length).toBe(photo.bytes);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// The whole system with its photos in an S3-compatible bucket (moto's server on loopback): a
// photo uploaded through the API and attached to a report lands in the bucket as objects with
// the photo's content type, nothing goes to PostgreSQL's blob table, and the API serves the photo
// and its thumbnail back from the bucket with the same type and cache headers as any store.
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestSystem, type TestSystem } from '../support/system';
import { submitRouted } from '../support/reports';
import { phonePhoto, photoForm } from '../support/photos';
import { s3ServerInstalled, startS3Peer, type S3Peer } from '../peers/s3';

const bucket = 'pakn-photos';

describe.skipIf(!s3ServerInstalled())('photos in an S3-compatible bucket', () => {
  let peer: S3Peer;
  let system: TestSystem;
  beforeAll(async () => {
    peer = await startS3Peer();
    system = await startTestSystem({ ...(await peer.bucket(bucket)), PHOTO_THUMB_PIXELS: '120' });
  });
  afterAll(async () => {
    await system?.stop();
    await peer?.stop();
  });

  it('when a citizen attaches a photo to a report, then it is kept in the bucket and served back from it', async () => {
    const uploaded = await call(system, 'POST', '/api/v1/photos', {
      form: photoForm([{ data: await phonePhoto({ background: '#5a3a10' }), name: 'ngap.jpg', type: 'image/jpeg' }]),
    });
    expect(uploaded.status).toBe(201);
    const photo = uploaded.body.items[0];
    const report = await submitRouted(system, {
      categoryCode: 'WASTE',
      description: 'Rác thải tồn đọng trên vỉa hè nhiều ngày, cần thu gom.',
      location: { wardCode: 'P-SAIGON', address: '12 Lê Lợi' },
      media: [photo.url],
    });
    expect(report.view.media).toEqual([photo.url]);

    const listed = await peer.client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(listed.Contents?.map((object) => object.Key).sort()).toEqual([photo.id, `${photo.id}.thumb`]);
    const object = await peer.client.send(new GetObjectCommand({ Bucket: bucket, Key: photo.id }));
    expect(object.ContentType).toBe('image/jpeg');
    const inBucket = Buffer.from(await object.Body!.transformToByteArray());
    const blobs = await system.pool.query('SELECT count(*)::int AS n FROM photo_blobs');
    expect(blobs.rows[0].n).toBe(0);

    const served = await fetch(`${system.baseUrl}/media/${photo.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('etag')).toBe(`"${photo.id}"`);
    const data = Buffer.from(await served.arrayBuffer());
    expect(Buffer.compare(data, inBucket)).toBe(0);
    expect(data.length).toBe(photo.bytes);

    const thumbnail = await fetch(`${system.baseUrl}/media/${photo.id}/thumbnail`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    const thumb = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect(Math.max(thumb.width!, thumb.height!)).toBe(system.config.photoThumbPixels);
  });

  it('when a photo row exists but its object is gone from the bucket, then the API answers 404, not 500', async () => {
    const uploaded = await call(system, 'POST', '/api/v1/photos', {
      form: photoForm([{ data: await phonePhoto({ background: '#103a5a' }), name: 'a.jpg', type: 'image/jpeg' }]),
    });
    const photo = uploaded.body.items[0];
    await peer.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${photo.id}.thumb` }));
    expect((await fetch(`${system.baseUrl}/media/${photo.id}`)).status).toBe(200);
    const missing = await fetch(`${system.baseUrl}/media/${photo.id}/thumbnail`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});

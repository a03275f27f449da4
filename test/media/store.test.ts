// One contract for every place photo bytes can live — PostgreSQL, a directory, an S3-compatible
// bucket (moto's server on loopback) — run against each real store: bytes come back as put,
// puts are idempotent even when they race, a missing key is undefined (not an error), and keys
// that are not photo keys are refused before they reach a file name, a row or an object name.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { directoryMediaStore, postgresMediaStore, s3MediaStore, type MediaStore } from '../../media/store';
import { createScratchDb } from '../notify/scratchDb';
import { s3ServerInstalled, startS3Peer, type S3Peer } from '../peers/s3';

interface Opened {
  store: MediaStore;
  close(): Promise<void>;
}

const newKey = () => `o${randomBytes(20).toString('hex')}`;
const bytes = (size: number) => randomBytes(size);

function mediaStoreContract(
  name: string,
  open: () => Promise<Opened>,
  options: { skip?: boolean; more?: (store: () => MediaStore) => void } = {},
) {
  describe.skipIf(options.skip ?? false)(`${name} media store`, () => {
    let opened: Opened | undefined;
    const store = () => opened!.store;
    beforeAll(async () => {
      opened = await open();
    });
    afterAll(async () => opened?.close());

    it('when a photo and its thumbnail are put, then each key gives back its own bytes', async () => {
      const key = newKey();
      const [photo, thumbnail] = [bytes(300_000), bytes(2_000)];
      await store().put(key, photo, 'image/jpeg');
      await store().put(`${key}.thumb`, thumbnail, 'image/jpeg');
      expect(Buffer.compare((await store().get(key))!, photo)).toBe(0);
      expect(Buffer.compare((await store().get(`${key}.thumb`))!, thumbnail)).toBe(0);
    });

    it('when the same key is put again, even twice at once, then it holds those bytes and no put fails', async () => {
      const key = newKey();
      const photo = bytes(50_000);
      await Promise.all([store().put(key, photo, 'image/png'), store().put(key, photo, 'image/png')]);
      await store().put(key, photo, 'image/png');
      expect(Buffer.compare((await store().get(key))!, photo)).toBe(0);
    });

    it('when a key holds nothing, then get answers undefined rather than failing', async () => {
      expect(await store().get(newKey())).toBeUndefined();
      expect(await store().get(`${newKey()}.thumb`)).toBeUndefined();
    });

    it('when a key is not a photo key, then put and get refuse it', async () => {
      for (const key of ['../escape', 'o12/../../etc', 'UPPER', '', `${newKey()}.exe`]) {
        await expect(store().put(key, bytes(10), 'image/png'), key).rejects.toThrow(/not a media key/);
        await expect(store().get(key), key).rejects.toThrow(/not a media key/);
      }
    });

    options.more?.(store);
  });
}

mediaStoreContract('PostgreSQL', async () => {
  const db = await createScratchDb();
  return { store: postgresMediaStore(db.pool), close: () => db.drop() };
});

mediaStoreContract('directory', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'pakn-media-'));
  return { store: directoryMediaStore(dir), close: () => rm(dir, { recursive: true, force: true }) };
});

let peer: S3Peer | undefined;
const bucket = 'pakn-contract';
mediaStoreContract(
  'S3-compatible',
  async () => {
    peer = await startS3Peer();
    const settings = loadConfig(await peer.bucket(bucket)).mediaS3!;
    return { store: s3MediaStore(settings), close: () => peer!.stop() };
  },
  {
    skip: !s3ServerInstalled(),
    more: (store) => {
      it('when a photo is put, then its object carries the photo content type', async () => {
        const key = newKey();
        await store().put(key, bytes(1_000), 'image/webp');
        const head = await peer!.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        expect(head.ContentType).toBe('image/webp');
        expect(head.ContentLength).toBe(1_000);
      });
    },
  },
);

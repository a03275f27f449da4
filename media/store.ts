// Where photo bytes live, behind one interface: PostgreSQL by default (nothing more to run or back
// up), a directory (MEDIA_DIR: a mounted volume shared by the API processes), or an S3-compatible
// bucket (MEDIA_S3_BUCKET). Keys are photo ids (and '{id}.thumb'); writes are idempotent — the
// same key always holds the same bytes, since a photo's id is the hash of its bytes.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { findPhotoBlob, putPhotoBlob } from '../db/photos';
import type { Config } from '../config';

export interface MediaStore {
  /** `contentType` is kept where the store has a place for it (S3); PostgreSQL's `photos` row has it anyway. */
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** the bytes, or undefined when the key holds none */
  get(key: string): Promise<Buffer | undefined>;
}

/** Keys become file names and object names: only what photo ids and their thumbnails look like. */
function checkedKey(key: string): string {
  if (!/^[0-9a-z]+(\.thumb)?$/.test(key)) throw new Error(`not a media key: ${key}`);
  return key;
}

export function postgresMediaStore(pool: pg.Pool): MediaStore {
  return {
    put: async (key, data) => putPhotoBlob(pool, checkedKey(key), data),
    get: async (key) => findPhotoBlob(pool, checkedKey(key)),
  };
}

/** Files under `root`, fanned out by the key's first characters; written to a temporary name and renamed, so a reader never sees half a file. */
export function directoryMediaStore(root: string): MediaStore {
  const fileOf = (key: string) => path.join(root, key.slice(0, 3), checkedKey(key));
  return {
    async put(key, data) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.${randomUUID()}.partial`;
      await writeFile(partial, data);
      await rename(partial, file);
    },
    async get(key) {
      try {
        return await readFile(fileOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

export type S3MediaConfig = NonNullable<Config['mediaS3']>;

/**
 * Objects named by their key in an existing bucket. A plain PutObject is idempotent here (the same
 * key always carries the same bytes), and needs no conditional-write support, which S3-compatible
 * stores differ on. Checksums only where the operation requires them: the SDK's default CRC
 * headers are refused by some S3-compatible stores. The SDK is loaded on first use, so a process
 * that keeps photos elsewhere does not pay for it (about 0.6 s and 20 MB here).
 */
export function s3MediaStore(settings: S3MediaConfig): MediaStore {
  const Bucket = settings.bucket;
  const connect = async () => {
    const sdk = await import('@aws-sdk/client-s3');
    const client = new sdk.S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return { sdk, client };
  };
  let connected: ReturnType<typeof connect> | undefined;
  return {
    async put(key, data, contentType) {
      const { sdk, client } = await (connected ??= connect());
      await client.send(
        new sdk.PutObjectCommand({ Bucket, Key: checkedKey(key), Body: data, ContentType: contentType }),
      );
    },
    async get(key) {
      const { sdk, client } = await (connected ??= connect());
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket, Key: checkedKey(key) }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : Buffer.alloc(0);
      } catch (error) {
        const missing =
          error instanceof sdk.S3ServiceException &&
          (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);
        if (missing) return undefined;
        throw error;
      }
    },
  };
}

/** One S3 client per configuration (its connections are pooled), however often a request asks for the store. */
const s3Stores = new WeakMap<S3MediaConfig, MediaStore>();

export function createMediaStore(config: { mediaDir?: string; mediaS3?: S3MediaConfig }, pool: pg.Pool): MediaStore {
  if (config.mediaS3) {
    const store = s3Stores.get(config.mediaS3) ?? s3MediaStore(config.mediaS3);
    s3Stores.set(config.mediaS3, store);
    return store;
  }
  return config.mediaDir ? directoryMediaStore(config.mediaDir) : postgresMediaStore(pool);
}

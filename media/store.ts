// Where photo bytes live, behind one interface: PostgreSQL by default (nothing more to run or back
// up), or a directory (MEDIA_DIR: a mounted volume shared by the API processes). Keys are photo
// ids (and '{id}.thumb'); writes are idempotent — the same key always holds the same bytes.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { query } from '../db/pool';

export interface MediaStore {
  put(key: string, data: Buffer): Promise<void>;
  /** the bytes, or undefined when the key holds none */
  get(key: string): Promise<Buffer | undefined>;
}

export function postgresMediaStore(pool: pg.Pool): MediaStore {
  return {
    async put(key, data) {
      await query(pool, 'INSERT INTO photo_blobs (key, data) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
        key,
        data,
      ]);
    },
    async get(key) {
      const [row] = await query<{ data: Buffer }>(pool, 'SELECT data FROM photo_blobs WHERE key = $1', [key]);
      return row?.data;
    },
  };
}

/** Files under `root`, fanned out by the key's first characters; written to a temporary name and renamed, so a reader never sees half a file. */
export function directoryMediaStore(root: string): MediaStore {
  const fileOf = (key: string) => {
    if (!/^[0-9a-z]+(\.thumb)?$/.test(key)) throw new Error(`not a media key: ${key}`);
    return path.join(root, key.slice(0, 3), key);
  };
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

export function createMediaStore(config: { mediaDir?: string }, pool: pg.Pool): MediaStore {
  return config.mediaDir ? directoryMediaStore(config.mediaDir) : postgresMediaStore(pool);
}

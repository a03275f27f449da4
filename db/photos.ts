// Photo metadata and the reports each photo belongs to. The bytes are in the media store.
import type { PhotoType } from '../domain/photos';
import type { Db } from './pool';
import { query } from './pool';

export interface PhotoRow {
  id: string;
  private: boolean;
  content_type: PhotoType;
  width: number;
  height: number;
  bytes: number;
  thumb_bytes: number;
  uploaded_at: Date;
  uploaded_by: string | null;
}

export type NewPhoto = Omit<PhotoRow, 'uploaded_at'>;

/** Idempotent: the same content uploaded again is the same photo. */
export async function insertPhoto(db: Db, photo: NewPhoto): Promise<void> {
  await query(
    db,
    `INSERT INTO photos (id, private, content_type, width, height, bytes, thumb_bytes, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    [
      photo.id,
      photo.private,
      photo.content_type,
      photo.width,
      photo.height,
      photo.bytes,
      photo.thumb_bytes,
      photo.uploaded_by,
    ],
  );
}

export async function findPhoto(db: Db, id: string): Promise<PhotoRow | undefined> {
  const [row] = await query<PhotoRow>(db, 'SELECT * FROM photos WHERE id = $1', [id]);
  return row;
}

export async function findPhotos(db: Db, ids: string[]): Promise<PhotoRow[]> {
  return query<PhotoRow>(db, 'SELECT * FROM photos WHERE id = ANY($1::text[])', [ids]);
}

export async function linkPhotosToReport(db: Db, reportId: string, photoIds: string[]): Promise<void> {
  if (!photoIds.length) return;
  await query(
    db,
    `INSERT INTO photo_links (photo_id, report_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`,
    [photoIds, reportId],
  );
}

/** The reports a photo belongs to, with the materialised path of the unit handling each (null while unassigned). */
export async function photoReports(db: Db, photoId: string): Promise<{ id: string; unit_path: string | null }[]> {
  return query<{ id: string; unit_path: string | null }>(
    db,
    `SELECT r.id, u.path AS unit_path FROM photo_links l JOIN reports r ON r.id = l.report_id
       LEFT JOIN units u ON u.code = r.unit_code WHERE l.photo_id = $1`,
    [photoId],
  );
}

/** Stores a photo's (or thumbnail's) bytes under its key once; the same key always holds the same bytes. */
export async function putPhotoBlob(db: Db, key: string, data: Buffer): Promise<void> {
  await query(db, 'INSERT INTO photo_blobs (key, data) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, data]);
}

export async function findPhotoBlob(db: Db, key: string): Promise<Buffer | undefined> {
  const [row] = await query<{ data: Buffer }>(db, 'SELECT data FROM photo_blobs WHERE key = $1', [key]);
  return row?.data;
}

// Photos of reports and results, shared by the JSON API and the web forms: store uploaded photos
// (checked, cleaned of metadata, resized, all or nothing), turn the media links of a report or a
// result into canonical links to our photos (and link them to the report), and read a photo for
// a caller — a private photo only for staff in scope of a report it belongs to.
import { findPhoto, findPhotos, insertPhoto, linkPhotosToReport, photoReports, type PhotoRow } from '../db/photos';
import { isPhotoId, isPrivatePhotoId, photoId, photoLinkOf, type PhotoType } from '../domain/photos';
import { inScope, type StaffActor } from '../domain/roles';
import { createMediaStore } from '../media/store';
import { NotAPhotoError, processPhoto, type ProcessedPhoto } from '../media/process';
import type { AppDeps } from '../api/deps';
import { checkReportToken } from '../api/auth';
import {
  invalidMedia,
  notFound,
  outsideScope,
  photoMissing,
  photoTooLarge,
  privatePhoto,
  tooManyPhotos,
  unsupportedPhotoType,
  type FieldProblem,
} from '../api/errors';

export interface StoredPhoto {
  id: string;
  url: string;
  thumbnailUrl: string;
  contentType: PhotoType;
  width: number;
  height: number;
  bytes: number;
  private: boolean;
}

/** The form field photos are uploaded in; errors about the n-th photo name `photo.n`. */
export const photoField = 'photo';

const photoUrl = (deps: AppDeps, id: string) => `${deps.config.publicUrl}/media/${id}`;

function storedView(
  deps: AppDeps,
  row: Pick<PhotoRow, 'id' | 'private' | 'content_type' | 'width' | 'height' | 'bytes'>,
) {
  return {
    id: row.id,
    url: photoUrl(deps, row.id),
    thumbnailUrl: `${photoUrl(deps, row.id)}/thumbnail`,
    contentType: row.content_type,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    private: row.private,
  };
}

/** Checks and processes every file before storing any: one bad file stores nothing. */
async function processAll(deps: AppDeps, files: readonly Buffer[]): Promise<ProcessedPhoto[]> {
  const { photoMaxKb, photoMaxCount, photoMaxPixels, photoThumbPixels } = deps.config;
  if (files.length === 0) throw photoMissing(photoField);
  if (files.length > photoMaxCount) throw tooManyPhotos(photoMaxCount, photoField);
  const oversized = files.findIndex((file) => file.length > photoMaxKb * 1024);
  if (oversized >= 0) throw photoTooLarge(photoMaxKb, `${photoField}.${oversized}`);
  const problems: FieldProblem[] = [];
  const processed: ProcessedPhoto[] = [];
  for (const [index, file] of files.entries()) {
    try {
      processed.push(await processPhoto(file, { maxPixels: photoMaxPixels, thumbPixels: photoThumbPixels }));
    } catch (error) {
      if (!(error instanceof NotAPhotoError)) throw error;
      problems.push({ field: `${photoField}.${index}`, message: 'must be a JPEG, PNG or WebP image' });
    }
  }
  if (problems.length) throw unsupportedPhotoType(problems);
  return processed;
}

/** Stores uploaded photos (raw bytes as received) for a later report, result or comment. */
export async function storePhotos(
  deps: AppDeps,
  files: readonly Buffer[],
  options: { private: boolean; uploader: StaffActor | null },
): Promise<StoredPhoto[]> {
  const processed = await processAll(deps, files);
  const store = createMediaStore(deps.config, deps.pool);
  const stored: StoredPhoto[] = [];
  for (const photo of processed) {
    const row = {
      id: photoId(photo.digest, options.private),
      private: options.private,
      content_type: photo.contentType,
      width: photo.width,
      height: photo.height,
      bytes: photo.original.length,
      thumb_bytes: photo.thumbnail.length,
      uploaded_by: options.uploader?.id ?? null,
    };
    // Bytes first, then the row: a photo row never points at missing bytes.
    await store.put(row.id, photo.original, photo.contentType);
    await store.put(`${row.id}.thumb`, photo.thumbnail, photo.contentType);
    await insertPhoto(deps.pool, row);
    stored.push(storedView(deps, row));
  }
  return stored;
}

/**
 * The media links of a report or a result with links to our photos made canonical (absolute, on
 * PUBLIC_URL) and checked to exist; other links (https, checked by the schema) pass unchanged.
 */
export async function resolveMedia(
  deps: AppDeps,
  media: readonly string[],
): Promise<{ media: string[]; photoIds: string[] }> {
  const ours = new URL(deps.config.publicUrl).origin;
  const problems: FieldProblem[] = [];
  const links = media.map((link) => photoLinkOf(link));
  const ids = links.flatMap((photo) => (photo && (photo.origin === null || photo.origin === ours) ? [photo.id] : []));
  const known = new Set(ids.length ? (await findPhotos(deps.pool, ids)).map((row) => row.id) : []);
  const resolved = media.map((link, index) => {
    const photo = links[index];
    if (photo && (photo.origin === null || photo.origin === ours)) {
      if (!known.has(photo.id)) problems.push({ field: `media.${index}`, message: 'no such photo: upload it first' });
      return photoUrl(deps, photo.id);
    }
    if (!link.startsWith('https://') || !URL.canParse(link))
      problems.push({ field: `media.${index}`, message: 'must be an https:// link or one of our photos' });
    return link;
  });
  if (problems.length) throw invalidMedia(problems);
  return { media: resolved, photoIds: [...new Set(ids)] };
}

/**
 * An action on a report that carries media (a result): the links are resolved first, the action
 * runs with them, and only once it succeeded are the photos linked to the report (idempotent),
 * so a refused action gives nobody a view of the photos.
 */
export async function actWithMedia<T>(
  deps: AppDeps,
  reportId: string,
  media: readonly string[],
  act: (media: string[]) => Promise<T>,
): Promise<T> {
  const resolved = await resolveMedia(deps, media);
  const outcome = await act(resolved.media);
  await linkPhotosToReport(deps.pool, reportId, resolved.photoIds);
  return outcome;
}

/** Staff who may see a private photo: the desk and admins (as for task details), its uploader, staff in scope of one of its reports. */
async function staffMaySee(deps: AppDeps, photo: PhotoRow, staff: StaffActor): Promise<boolean> {
  if (staff.role === 'coordinator' || staff.role === 'admin' || photo.uploaded_by === staff.id) return true;
  return (await photoReports(deps.pool, photo.id)).some((report) => inScope(staff, report.unit_path));
}

/** The reporter of a report the photo belongs to, proven by that report's access token. */
async function reporterMaySee(deps: AppDeps, photo: PhotoRow, reportToken: string): Promise<boolean> {
  const reports = await photoReports(deps.pool, photo.id);
  return reports.some((report) => checkReportToken(deps.config.jwtSecret, report.id, reportToken));
}

export async function readPhoto(
  deps: AppDeps,
  id: string,
  variant: 'original' | 'thumbnail',
  caller: { staff: StaffActor | null; reportToken?: string },
): Promise<{ photo: PhotoRow; data: Buffer }> {
  const { staff, reportToken } = caller;
  const photo = isPhotoId(id) ? await findPhoto(deps.pool, id) : undefined;
  if (!photo) throw notFound('photo');
  if (isPrivatePhotoId(photo.id) && !(reportToken && !staff && (await reporterMaySee(deps, photo, reportToken)))) {
    if (!staff) throw privatePhoto();
    if (!(await staffMaySee(deps, photo, staff)))
      throw outsideScope('this photo belongs to reports outside your scope', 'id');
  }
  const data = await createMediaStore(deps.config, deps.pool).get(variant === 'original' ? id : `${id}.thumb`);
  if (!data) throw notFound('photo');
  return { photo, data };
}

// Reading photos from a multipart/form-data request, for the upload route and for web forms that
// carry photos: multer in memory, bounded by PHOTO_MAX_KB and PHOTO_MAX_COUNT, its refusals turned
// into our errors naming the field. Files go in the field "photo".
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Config } from '../config';
import { photoField } from '../usecases/photos';
import { invalidForm, photoTooLarge, tooManyPhotos, type AppError } from './errors';

type PhotoLimits = Pick<Config, 'photoMaxKb' | 'photoMaxCount'>;

function uploadError(error: unknown, limits: PhotoLimits): AppError {
  if (!(error instanceof multer.MulterError))
    return invalidForm(
      { field: 'body', message: 'malformed multipart/form-data' },
      'Biểu mẫu gửi lên không đọc được (unreadable multipart body)',
    );
  if (error.code === 'LIMIT_FILE_SIZE') return photoTooLarge(limits.photoMaxKb, error.field ?? photoField);
  if (error.code === 'LIMIT_FILE_COUNT' || (error.code === 'LIMIT_UNEXPECTED_FILE' && error.field === photoField))
    return tooManyPhotos(limits.photoMaxCount, photoField);
  const field = error.field ?? 'body';
  const message =
    error.code === 'LIMIT_UNEXPECTED_FILE' ? `files go in the field "${photoField}"` : error.message.toLowerCase();
  return invalidForm({ field, message });
}

/** Reads the form onto the request: its files (see uploadedPhotos) and its text fields (req.body). */
export function createPhotoUploadReader(limits: PhotoLimits): (req: Request, res: Response) => Promise<void> {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: limits.photoMaxKb * 1024,
      files: limits.photoMaxCount,
      fields: 20,
      fieldSize: 64 * 1024,
      parts: limits.photoMaxCount + 20,
    },
  }).array(photoField, limits.photoMaxCount);
  return (req, res) =>
    new Promise<void>((resolve, reject) =>
      upload(req, res, (error?: unknown) => (error ? reject(uploadError(error, limits)) : resolve())),
    );
}

/** The bytes of the photos a reader put on the request, in form order. */
export function uploadedPhotos(req: Request): Buffer[] {
  return ((req.files as Express.Multer.File[] | undefined) ?? []).map((file) => file.buffer);
}

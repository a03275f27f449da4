// Photos on the pages: the forms that carry photos (the citizen's report, the unit's result) store
// them through the API's upload route — same use case, limits, rate limits and audit — and pass
// their links in `media`; the pages show photos as thumbnails linking to the full image.
import type { Request, Response } from 'express';
import type { Config } from '../config';
import { toAppError, type AppError, type ErrorCode } from '../api/errors';
import { uploadedPhotos } from '../api/photoUpload';
import type { RouteTable } from '../api/routeTable';
import { isPrivatePhotoId, photoLinkOf } from '../domain/photos';
import type { StaffActor } from '../domain/roles';
import { photoField } from '../usecases/photos';
import type { Translate } from './i18n';

const photoErrors: readonly ErrorCode[] = [
  'unsupported_photo_type',
  'photo_too_large',
  'too_many_photos',
  'invalid_form',
];

/** The limits the form's hint names, as the catalogue's variables. */
export const photoLimits = (config: Pick<Config, 'photoMaxKb' | 'photoMaxCount'>) => ({
  max: config.photoMaxCount,
  mb: Number((config.photoMaxKb / 1024).toFixed(1)),
});

/** A refusal of the photos in plain words, about the file input (not the n-th file), for the error summary. */
function photoRefusal(error: AppError, config: Config, t: Translate): AppError {
  return error.withDetails([{ field: photoField, message: t(`photo.error.${error.code}`, photoLimits(config)) }]);
}

/**
 * Stores the photos posted with a form and gives their links (none posted: none). A refusal —
 * read by the page context (too large, too many) or by the upload route (not an image) — is thrown
 * as a form error naming the file input.
 */
export async function postedPhotoLinks(
  table: RouteTable,
  config: Config,
  req: Request,
  res: Response,
  staff: StaffActor | null,
): Promise<string[]> {
  const t = res.locals.t as Translate;
  const unread = res.locals.uploadError as AppError | undefined;
  if (unread) throw photoErrors.includes(unread.code) ? photoRefusal(unread, config, t) : unread;
  if (uploadedPhotos(req).length === 0) return [];
  const asked = (req.body as Record<string, unknown> | undefined)?.private === 'true';
  try {
    const { body } = await table.call('post', '/api/v1/photos', {
      staff,
      req,
      res,
      body: asked ? { private: 'true' } : {},
    });
    return (body as { items: { url: string }[] }).items.map((item) => item.url);
  } catch (error) {
    const refusal = toAppError(error);
    if (refusal && photoErrors.includes(refusal.code)) throw photoRefusal(refusal, config, t);
    throw error;
  }
}

/** Links of photos stored by an earlier post of the same form (kept in hidden inputs while the form is fixed). */
export function keptPhotoLinks(req: Request): string[] {
  const kept = (req.body as Record<string, unknown> | undefined)?.media;
  return ([] as unknown[])
    .concat(kept ?? [])
    .filter((link): link is string => typeof link === 'string' && !!photoLinkOf(link));
}

/**
 * Our photos among media links, as thumbnails and full images under `base` ('/media' for anyone,
 * '/staff/media' for a signed-in staff member, who may see private ones); other links are left out.
 */
export function photoViews(media: readonly string[] | undefined, base: '/media' | '/staff/media') {
  return (media ?? []).flatMap((link) => {
    const photo = photoLinkOf(link);
    if (!photo) return [];
    const href = `${base}/${photo.id}`;
    return [{ href, thumbnail: `${href}/thumbnail`, private: isPrivatePhotoId(photo.id) }];
  });
}

/** The media links a timeline entry carries (a result's photos). */
export const mediaOf = (details: Record<string, unknown>) =>
  Array.isArray(details.media) ? details.media.filter((link): link is string => typeof link === 'string') : [];

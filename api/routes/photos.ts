// Photos over HTTP: upload (citizens without an account, staff with a token) as multipart, answering
// links to pass in `media` of a report or a result; and serving a photo or its thumbnail, cached
// for ever (an id names fixed bytes), a private photo only to staff in scope.
import { z } from 'zod';
import { staffRoles } from '../../domain/roles';
import { photoField, readPhoto, storePhotos } from '../../usecases/photos';
import type { PhotoRow } from '../../db/photos';
import type { AppDeps } from '../deps';
import { createPhotoUploadReader, uploadedPhotos } from '../photoUpload';
import type { RouteTable } from '../routeTable';

const checkbox = z
  .enum(['true', 'false', 'on'])
  .optional()
  .transform((value) => value === 'true' || value === 'on');
const uploadFields = z.object({ private: checkbox }).strict();

const uploadForm = z
  .object({
    [photoField]: z
      .array(z.string().openapi({ format: 'binary' }))
      .min(1)
      .openapi({ description: 'one or more JPEG, PNG or WebP images (the type is read from the content)' }),
    private: z
      .enum(['true', 'false'])
      .optional()
      .openapi({ description: "'true': the photos are shown to staff handling the report only, never to the public" }),
  })
  .openapi('PhotoUpload');

const storedPhoto = z
  .object({
    id: z.string(),
    url: z.string().openapi({ description: 'pass it in `media` of a report or a result' }),
    thumbnailUrl: z.string(),
    contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
    width: z.number(),
    height: z.number(),
    bytes: z.number(),
    private: z.boolean(),
  })
  .openapi('StoredPhoto');

const image = z.string().openapi({ format: 'binary' });

function photoHeaders(photo: PhotoRow, variant: 'original' | 'thumbnail'): Record<string, string> {
  return {
    ETag: `"${photo.id}${variant === 'thumbnail' ? '.thumb' : ''}"`,
    'Cache-Control': photo.private ? 'private, max-age=300' : 'public, max-age=31536000, immutable',
    Vary: 'Authorization, X-Report-Token',
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': 'inline',
    // Partner apps show public photos (Open311 media_url) on their own pages.
    'Cross-Origin-Resource-Policy': photo.private ? 'same-origin' : 'cross-origin',
  };
}

export function addPhotoRoutes(table: RouteTable, deps: AppDeps): void {
  const { config } = deps;
  const readUpload = createPhotoUploadReader(config);

  table.add({
    method: 'post',
    path: '/api/v1/photos',
    tag: 'photos',
    access: 'public',
    staffMayCall: staffRoles,
    summary: `Upload photos (field "${photoField}", at most ${config.photoMaxCount} of ${config.photoMaxKb} KB each) for a report or a result; metadata (GPS, camera) is removed`,
    body: uploadFields,
    multipart: { schema: uploadForm, read: readUpload },
    rateLimits: ({ req, staff }) =>
      staff
        ? []
        : [
            {
              name: 'photo-ip',
              key: req.ip,
              limit: config.rateLimitPhotoPerIp,
              windowSeconds: config.rateLimitWindowSeconds,
              field: 'ip',
            },
          ],
    responses: {
      201: {
        description: 'stored: pass each url in `media`',
        schema: z.object({ items: z.array(storedPhoto) }).openapi('StoredPhotos'),
      },
      400: { description: 'no photo, too many photos, or a malformed form (the field is named)' },
      413: { description: 'a photo is too large (the field is named)' },
      415: { description: 'not multipart/form-data, or a file is not a JPEG, PNG or WebP image' },
    },
    async handle({ body, req, staff }) {
      const items = await storePhotos(deps, uploadedPhotos(req), { private: body.private, uploader: staff });
      return { status: 201, body: { items } };
    },
  });

  for (const variant of ['original', 'thumbnail'] as const) {
    table.add({
      method: 'get',
      path: variant === 'original' ? '/media/:id' : '/media/:id/thumbnail',
      tag: 'photos',
      access: 'public',
      staffMayCall: staffRoles,
      summary:
        variant === 'original'
          ? 'A photo, without metadata; a private one only to staff in scope (bearer token)'
          : 'The thumbnail of a photo; a private one only to staff in scope (bearer token)',
      responses: {
        200: {
          description: 'the image (immutable: cache it)',
          schema: image,
          mediaType: 'image/jpeg',
          alternatives: { 'image/png': image, 'image/webp': image },
        },
        401: { description: 'a private photo, and neither a staff token nor the report token' },
        403: { description: 'a private photo of reports outside your scope' },
      },
      headers: z.object({
        'x-report-token': z
          .string()
          .optional()
          .openapi({ description: "the reporter's access token: lets them see their own private photo" }),
      }),
      async handle({ params, staff, headers }) {
        const { photo, data } = await readPhoto(deps, params.id, variant, {
          staff,
          reportToken: headers['x-report-token'],
        });
        return { status: 200, body: data, contentType: photo.content_type, headers: photoHeaders(photo, variant) };
      },
    });
  }
}

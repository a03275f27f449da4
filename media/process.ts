// Turns an uploaded image into what we store: its real type checked by content, turned upright
// (EXIF orientation applied), shrunk to a capped size, and re-encoded without any metadata —
// no EXIF (GPS position, camera, owner), no XMP, no ICC profile (pixels are converted to sRGB).
// A thumbnail is made the same way.
import { createHash } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import { sniffPhotoType, type PhotoType } from '../domain/photos';

export interface ProcessedPhoto {
  contentType: PhotoType;
  original: Buffer;
  /** SHA-256 of `original`, hex: the content part of the photo's id */
  digest: string;
  thumbnail: Buffer;
  width: number;
  height: number;
}

export interface PhotoSizes {
  /** the longest side of the stored copy, in pixels */
  maxPixels: number;
  /** the longest side of the thumbnail, in pixels */
  thumbPixels: number;
}

/** Why an upload is not a photo we take; the caller names the field. */
export class NotAPhotoError extends Error {}

// A decompression bomb (a small file of a huge image) is refused before it is decoded.
const maxInputPixels = 50_000_000;

function encode(image: Sharp, type: PhotoType): Sharp {
  if (type === 'image/jpeg') return image.jpeg({ quality: 85, mozjpeg: true });
  if (type === 'image/png') return image.png({ compressionLevel: 9 });
  return image.webp({ quality: 85 });
}

async function render(input: Buffer, type: PhotoType, longestSide: number) {
  // Sharp writes no metadata unless asked (withMetadata / keepExif): the output carries none.
  const image = sharp(input, { limitInputPixels: maxInputPixels, failOn: 'error' })
    .rotate()
    .resize({ width: longestSide, height: longestSide, fit: 'inside', withoutEnlargement: true });
  return encode(image, type).toBuffer({ resolveWithObject: true });
}

export async function processPhoto(input: Buffer, sizes: PhotoSizes): Promise<ProcessedPhoto> {
  const contentType = sniffPhotoType(input.subarray(0, 16));
  if (!contentType) throw new NotAPhotoError('not a JPEG, PNG or WebP image');
  try {
    const original = await render(input, contentType, sizes.maxPixels);
    const thumbnail = await render(input, contentType, sizes.thumbPixels);
    return {
      contentType,
      original: original.data,
      digest: createHash('sha256').update(original.data).digest('hex'),
      thumbnail: thumbnail.data,
      width: original.info.width,
      height: original.info.height,
    };
  } catch (error) {
    throw new NotAPhotoError(`the image cannot be read: ${(error as Error).message}`);
  }
}

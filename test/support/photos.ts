// Images the photo tests upload, made with sharp: a phone photo carrying camera and GPS EXIF (which
// the store must strip), and a PNG that stays large because noise does not compress; and the
// multipart form that uploads them.
import sharp from 'sharp';

/** The EXIF tag that points to the GPS block (0x8825, type LONG, little-endian): present means located. */
export const gpsIfdPointer = Buffer.from([0x25, 0x88, 0x04, 0x00]);

/**
 * A 300×200 JPEG with camera and GPS EXIF. `background` makes photos of distinct content (ids are
 * content hashes); `sideways` stores it lying on its side (orientation 6), as phones do.
 */
export function phonePhoto({ background = '#2a7a40', sideways = false } = {}): Promise<Buffer> {
  const photo = sharp({ create: { width: 300, height: 200, channels: 3, background } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PaknCam', Model: 'Spy 3000' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '10/1 46/1 31/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 42/1 3/1',
      },
    });
  return (sideways ? photo.withMetadata({ orientation: 6 }) : photo).toBuffer();
}

/** A PNG of about 300 KB, over the 256 KB limit the photo tests configure. */
export function noisyPng(): Promise<Buffer> {
  const pixels = Buffer.alloc(320 * 320 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width: 320, height: 320, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** A multipart upload body: each file in the field `photo`, plus plain fields. */
export function photoForm(
  files: { data: Buffer; name: string; type: string }[],
  fields: Record<string, string> = {},
): FormData {
  const body = new FormData();
  for (const file of files) body.append('photo', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  return body;
}

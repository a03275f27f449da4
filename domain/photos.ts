// Photo identity and visibility, as pure rules. A photo's id is its content hash prefixed by its
// visibility ('o' open, 'p' private to staff), so any media link can be judged public or not
// without a database look-up, and the bytes behind an id never change (cacheable forever).
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof photoTypes)[number];

const idPattern = /^[op][0-9a-f]{40}$/;
/** The path of a served photo at the end of a link: '/media/{id}' (optionally on some origin). */
const photoLink = /^(?<origin>https?:\/\/[^/\s?#]+)?\/media\/(?<id>[op][0-9a-f]{40})$/;
/** What a media link may look like: an https link, or one of our photos (checked further by resolveMedia). */
export const mediaLinkPattern = new RegExp(
  `^(https:\\/\\/\\S+|${photoLink.source.slice(1, -1).replace(/\?<\w+>/g, '')})$`,
);

export const isPhotoId = (id: string): boolean => idPattern.test(id);

/** A photo's id from the SHA-256 (hex) of its stored bytes and its visibility. */
export function photoId(sha256Hex: string, isPrivate: boolean): string {
  return (isPrivate ? 'p' : 'o') + sha256Hex.slice(0, 40);
}

export const isPrivatePhotoId = (id: string): boolean => id.startsWith('p');

/** The photo a media link points to, with the origin it names (null for a bare path); undefined if none. */
export function photoLinkOf(link: string): { id: string; origin: string | null } | undefined {
  const match = photoLink.exec(link);
  return match?.groups ? { id: match.groups.id, origin: match.groups.origin ?? null } : undefined;
}

/** The media links anyone may see: every link but those to private photos. */
export function publicMedia(media: readonly string[]): string[] {
  return media.filter((link) => {
    const photo = photoLinkOf(link);
    return !photo || !isPrivatePhotoId(photo.id);
  });
}

/** The real type of an image, from its first bytes (never from a file name or a declared type). */
export function sniffPhotoType(head: Uint8Array): PhotoType | undefined {
  const bytes = (offset: number, ...expected: number[]) => expected.every((value, i) => head[offset + i] === value);
  if (bytes(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (bytes(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (bytes(0, 0x52, 0x49, 0x46, 0x46) && bytes(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}

// Photo identity and visibility rules: links to private photos never pass publicMedia, and the
// type of a file is read from its first bytes.
import { describe, expect, it } from 'vitest';
import { isPhotoId, photoId, photoLinkOf, publicMedia, sniffPhotoType } from '../../domain/photos';

const digest = 'ab'.repeat(32);
const open = photoId(digest, false);
const secret = photoId(digest, true);

describe('photo links', () => {
  it('when ids are made, then the visibility is their first letter and the content the rest', () => {
    expect(open).toBe(`o${'ab'.repeat(20)}`);
    expect(secret).toBe(`p${'ab'.repeat(20)}`);
    expect([isPhotoId(open), isPhotoId(secret), isPhotoId('x'.repeat(41)), isPhotoId(`${open}0`)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('when links are read, then absolute and bare photo paths are recognised and anything else is not', () => {
    expect(photoLinkOf(`https://pakn.example/media/${open}`)).toEqual({ id: open, origin: 'https://pakn.example' });
    expect(photoLinkOf(`/media/${secret}`)).toEqual({ id: secret, origin: null });
    expect(photoLinkOf(`/media/${secret}/thumbnail`)).toBeUndefined();
    expect(photoLinkOf('https://img.example.com/a.jpg')).toBeUndefined();
  });

  it('when media are shown to the public, then links to private photos are dropped and the rest kept in order', () => {
    const media = ['https://img.example.com/a.jpg', `http://localhost:3000/media/${secret}`, `/media/${open}`];
    expect(publicMedia(media)).toEqual(['https://img.example.com/a.jpg', `/media/${open}`]);
  });
});

describe('photo type by content', () => {
  it('when the first bytes are read, then JPEG, PNG and WebP are known and others (GIF, text) are not', () => {
    expect(sniffPhotoType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffPhotoType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(sniffPhotoType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffPhotoType(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'))).toBeUndefined();
    expect(sniffPhotoType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffPhotoType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
  });
});
